package dev.workbench.command;

import dev.workbench.common.AppConfig;
import dev.workbench.common.Environment;
import dev.workbench.common.StartupRefusal;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * The OS layer around every command: bubblewrap ({@code bwrap}) with new user, PID, IPC, UTS, cgroup
 * and network namespaces, a fresh {@code /proc}, a minimal {@code /dev}, a private {@code /tmp}, the
 * system directories and an allowlist of {@code /etc} read-only, and the repository as the only
 * writable host directory. The network namespace is shared only with commands that need it. When the
 * command ends, its PID namespace ends, and every process it left behind with it.
 *
 * <p>{@code COMMAND_SANDBOX=none} runs commands as plain child processes; production refuses to start
 * when bwrap is chosen and does not work.
 */
@ApplicationScoped
public class Sandbox {

    private static final Logger LOG = Logger.getLogger(Sandbox.class);

    /** Inside the sandbox: a writable home on the private /tmp. */
    static final String HOME = "/tmp/home";

    /** What of /etc a command can read: names, hosts, certificates, the dynamic linker; no secrets. */
    private static final List<String> ETC = List.of("/etc/passwd", "/etc/group", "/etc/hosts", "/etc/hostname",
            "/etc/resolv.conf", "/etc/nsswitch.conf", "/etc/host.conf", "/etc/gai.conf", "/etc/services", "/etc/protocols",
            "/etc/ssl/certs", "/etc/ssl/openssl.cnf", "/etc/ca-certificates", "/etc/ca-certificates.conf", "/etc/pki/tls/certs",
            "/etc/pki/ca-trust", "/etc/crypto-policies", "/etc/alternatives", "/etc/ld.so.cache", "/etc/ld.so.conf",
            "/etc/ld.so.conf.d", "/etc/localtime", "/etc/timezone", "/etc/mime.types", "/etc/os-release", "/etc/ssh/ssh_config",
            "/etc/ssh/ssh_config.d", "/etc/ssh/ssh_known_hosts", "/etc/python3", "/etc/nodejs");
    /** System directories, read-only: directories bound, merged-/usr links recreated as links. */
    private static final List<String> SYSTEM = List.of("/usr", "/bin", "/sbin", "/lib", "/lib64", "/lib32", "/libx32");
    /** The docker daemon's socket, for docker commands. */
    private static final List<String> DOCKER_SOCKETS = List.of("/var/run/docker.sock", "/run/docker.sock");

    private final CommandConfig.SandboxKind kind;
    private final List<String> readOnly;
    /** The system and /etc mounts, the same for every command: worked out once. */
    private final List<String> mounts;
    private final AppConfig app;
    private volatile String unavailable = "not probed yet";

    Sandbox(CommandConfig config, AppConfig app) {
        this.kind = config.sandbox();
        this.readOnly = config.sandboxReadOnly().orElse(List.of()).stream().map(p -> p.toAbsolutePath().normalize().toString()).toList();
        this.mounts = systemMounts(readOnly);
        this.app = app;
    }

    private static List<String> systemMounts(List<String> readOnly) {
        List<String> mounts = new ArrayList<>();
        for (String directory : SYSTEM) {
            Path path = Path.of(directory);
            if (Files.isSymbolicLink(path)) {
                try {
                    mounts.addAll(List.of("--symlink", Files.readSymbolicLink(path).toString(), directory));
                } catch (IOException e) {
                    // unreadable link: leave it out
                }
            } else if (Files.isDirectory(path)) {
                mounts.addAll(List.of("--ro-bind", directory, directory));
            }
        }
        ETC.forEach(file -> mounts.addAll(List.of("--ro-bind-try", file, file)));
        readOnly.forEach(path -> mounts.addAll(List.of("--ro-bind-try", path, path)));
        return List.copyOf(mounts);
    }

    void probe(@Observes StartupEvent event) {
        if (kind == CommandConfig.SandboxKind.NONE) {
            LOG.warn("COMMAND_SANDBOX=none: commands run without an OS sandbox; only the safe-mode grammar stands between a command and the host");
            return;
        }
        unavailable = probe();
        if (unavailable == null) {
            return;
        }
        String message = "COMMAND_SANDBOX=bwrap but bubblewrap does not work here: " + unavailable
                + "; install bubblewrap (package 'bubblewrap') and allow user namespaces, or set COMMAND_SANDBOX=none";
        if (app.environment() == Environment.PRODUCTION) {
            StartupRefusal.refuse("Refusing to start in production: " + message);
        }
        LOG.warn(message + "; commands answer 503 until then");
    }

    /** Null when bwrap runs a command in the sandbox as commands will run; else what went wrong. */
    private String probe() {
        Path directory = null;
        try {
            directory = Files.createTempDirectory("workbench-sandbox-probe");
            Process process = new ProcessBuilder(wrap(List.of("true"), directory, false)).redirectErrorStream(true).start();
            process.getOutputStream().close();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return "the probe did not finish in 10 s";
            }
            String output = new String(process.getInputStream().readNBytes(2000), StandardCharsets.UTF_8).trim();
            return process.exitValue() == 0 ? null : "the probe failed (" + (output.isEmpty() ? "exit " + process.exitValue() : output) + ")";
        } catch (IOException e) {
            return "bwrap cannot be started (" + e.getMessage() + ")";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "the probe was interrupted";
        } finally {
            if (directory != null) {
                directory.toFile().delete();
            }
        }
    }

    /** {@code bwrap} or {@code none}, as the audit log records it. */
    String name() {
        return kind == CommandConfig.SandboxKind.NONE ? "none" : "bwrap";
    }

    /** Why commands cannot run now (the sandbox is chosen but does not work), or null. */
    String unavailable() {
        return kind == CommandConfig.SandboxKind.NONE ? null : unavailable;
    }

    /** The argument vector that runs {@code argv} in {@code repository}, sandboxed unless the sandbox is {@code none}. */
    List<String> wrap(List<String> argv, Path repository, boolean network) {
        if (kind == CommandConfig.SandboxKind.NONE) {
            return argv;
        }
        String repo = repository.toAbsolutePath().normalize().toString();
        // No capability inside, even when the service runs as root (which would otherwise keep them
        // in a user namespace that owns the sandbox's mounts, and could remount them writable).
        List<String> bwrap = new ArrayList<>(List.of("bwrap", "--die-with-parent", "--new-session", "--unshare-all",
                "--cap-drop", "ALL"));
        if (network) {
            bwrap.add("--share-net");
        }
        bwrap.addAll(mounts);
        bwrap.addAll(List.of("--proc", "/proc", "--dev", "/dev", "--tmpfs", "/tmp", "--dir", HOME));
        if (network && !argv.isEmpty() && argv.get(0).equals("docker")) {
            DOCKER_SOCKETS.forEach(socket -> bwrap.addAll(List.of("--bind-try", socket, socket)));
        }
        // The sandbox's own root, where the mount points above were made, is read-only too.
        bwrap.addAll(List.of("--bind", repo, repo, "--chdir", repo, "--remount-ro", "/", "--"));
        bwrap.addAll(argv);
        return bwrap;
    }

    /**
     * The environment as the sandbox needs it: {@code HOME} on the private /tmp, and {@code PATH}
     * keeping only directories the sandbox shows.
     */
    Map<String, String> environment(Map<String, String> environment) {
        if (kind == CommandConfig.SandboxKind.NONE) {
            return environment;
        }
        Map<String, String> inside = new LinkedHashMap<>(environment);
        inside.put("HOME", HOME);
        List<String> visible = new ArrayList<>();
        for (String entry : environment.getOrDefault("PATH", "/usr/bin:/bin").split(":")) {
            if (SYSTEM.stream().anyMatch(root -> entry.equals(root) || entry.startsWith(root + "/"))
                    || readOnly.stream().anyMatch(root -> entry.equals(root) || entry.startsWith(root + "/"))) {
                visible.add(entry);
            }
        }
        inside.put("PATH", visible.isEmpty() ? "/usr/bin:/bin" : String.join(":", visible));
        return inside;
    }
}
