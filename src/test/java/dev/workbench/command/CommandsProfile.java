package dev.workbench.command;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A real git repository in a temporary directory whose own configuration is hostile: a pre-commit
 * hook, {@code core.fsmonitor}, {@code diff.external}, {@code gpg.program} with
 * {@code commit.gpgSign}, {@code core.sshCommand}, a credential helper, clean/smudge filters and a
 * textconv on every {@code .txt}, a submodule whose own configuration has a clean filter, and a
 * remote {@code planted} with its own upload-pack: each would
 * create the marker files if git ran it. Also a symbolic link {@code linked.py} to a script outside
 * that would too, a {@code package.json}, the repository commands of the tests, a short timeout and
 * a small output cap. Commands run in the bwrap sandbox.
 */
public class CommandsProfile implements QuarkusTestProfile {

    /** Written outside the repository and /tmp by {@code escape.sh}, if the sandbox let it. */
    public static final Path OUTSIDE_WRITE = Path.of("/var/tmp/workbench-sandbox-escape-" + ProcessHandle.current().pid());

    static final Path ROOT = createRoot();
    public static final Path REPO = ROOT.resolve("repo");
    /** Created by anything that runs outside the sandbox and is not stopped by the grammar. */
    public static final Path MARKER = ROOT.resolve("pwned");
    /** Created by anything that runs inside the sandbox: the repository is the one place it can write to. */
    public static final Path REPO_MARKER = ROOT.resolve("repo/.git/pwned");
    public static final Path AUDIT = ROOT.resolve("audit.jsonl");
    /** A file outside the repository whose content must never appear in a command's output. */
    public static final Path OUTSIDE_SECRET = ROOT.resolve("outside-secret.txt");
    public static final String CANARY = "CANARY-7f3d9c1e";

    private static Path createRoot() {
        try {
            Path root = Files.createTempDirectory("workbench-commands");
            Path repo = Files.createDirectories(root.resolve("repo"));
            String touch = "touch " + root.resolve("pwned") + " " + repo.resolve(".git/pwned");
            plainGit(repo, "init", "-q", "-b", "main");
            plainGit(repo, "config", "user.email", "test@example.com");
            plainGit(repo, "config", "user.name", "Test");
            Files.writeString(repo.resolve("README.md"), "hello\n");
            Files.writeString(repo.resolve("tool.py"), "print('script ran')\n");
            Files.writeString(repo.resolve("package.json"),
                    "{\"name\":\"fixture\",\"version\":\"1.0.0\",\"scripts\":{\"test\":\"sh escape.sh\",\"lint\":\"echo linted\"}}\n");
            Files.writeString(repo.resolve("escape.sh"), escapeScript(root));
            Files.writeString(repo.resolve("test_sample.py"), "def test_adds():\n    assert 1 + 1 == 2\n");
            Files.writeString(repo.resolve(".gitattributes"), "*.txt filter=evil diff=evil\n");
            plainGit(repo, "add", "README.md", "tool.py", "package.json", "escape.sh", "test_sample.py", ".gitattributes");
            plainGit(repo, "commit", "-q", "-m", "initial");
            // A submodule whose own configuration has a clean filter on everything, and a .gitmodules
            // that asks git to look into it ("ignore = none" outranks diff.ignoreSubmodules).
            Path sub = Files.createDirectories(repo.resolve("sub"));
            plainGit(sub, "init", "-q", "-b", "main");
            Files.writeString(sub.resolve("inner.txt"), "inner\n");
            Files.writeString(sub.resolve(".gitattributes"), "* filter=subevil\n");
            plainGit(sub, "add", "inner.txt", ".gitattributes");
            plainGit(sub, "-c", "user.email=t@example.com", "-c", "user.name=T", "commit", "-q", "-m", "inner");
            plainGit(sub, "config", "filter.subevil.clean", touch + "; cat");
            Files.writeString(repo.resolve(".gitmodules"), "[submodule \"sub\"]\n\tpath = sub\n\turl = https://example.com/sub.git\n\tignore = none\n");
            plainGit(repo, "add", ".gitmodules", "sub");
            plainGit(repo, "commit", "-q", "-m", "submodule");
            // Stale index times in the submodule: git must re-read (and filter) its file to compare.
            sub.resolve("inner.txt").toFile().setLastModified(System.currentTimeMillis() + 60_000);
            Path hook = repo.resolve(".git/hooks/pre-commit");
            Files.writeString(hook, "#!/bin/sh\n" + touch + "\n");
            hook.toFile().setExecutable(true);
            // The repository's own configuration, planted after the set-up commits above.
            plainGit(repo, "config", "core.fsmonitor", touch);
            plainGit(repo, "config", "diff.external", touch);
            plainGit(repo, "config", "gpg.program", touch);
            plainGit(repo, "config", "commit.gpgSign", "true");
            plainGit(repo, "config", "log.showSignature", "true");
            plainGit(repo, "config", "core.sshCommand", touch);
            plainGit(repo, "config", "credential.helper", "!" + touch);
            plainGit(repo, "config", "filter.evil.clean", touch + "; cat");
            plainGit(repo, "config", "filter.evil.smudge", touch + "; cat");
            plainGit(repo, "config", "diff.evil.textconv", touch + "; cat");
            plainGit(repo, "remote", "add", "planted", "https://127.0.0.1:1/x.git");
            plainGit(repo, "config", "remote.planted.uploadpack", touch);
            plainGit(repo, "config", "remote.planted.receivepack", touch);
            plainGit(repo, "remote", "add", "sshremote", "ssh://git@127.0.0.1:1/x.git");
            plainGit(repo, "remote", "add", "localpath", root.resolve("other.git").toString());
            Files.writeString(root.resolve("outside-secret.txt"), CANARY + "\n");
            // A script outside the repository that would create the marker, and a link to it inside.
            Path outside = Files.writeString(root.resolve("outside.py"), "open('" + root.resolve("pwned") + "', 'w')\n");
            Files.createSymbolicLink(repo.resolve("linked.py"), outside);
            return root;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * What a hostile script in the repository tries: write outside the repository, list every process
     * it can see with its command line, and print every environment it can read.
     */
    private static String escapeScript(Path root) {
        return "echo escape-script-ran\n"
                + "touch " + OUTSIDE_WRITE + " 2>/dev/null && echo wrote-outside\n"
                + "touch " + root.resolve("pwned") + " 2>/dev/null\n"
                + "grep CapEff /proc/self/status\n"
                + "mount -o remount,rw,bind /usr 2>/dev/null && echo remounted\n"
                + "for f in /proc/[0-9]*/cmdline; do echo \"process: $(tr '\\0' ' ' < \"$f\")\"; done\n"
                + "for f in /proc/[0-9]*/environ; do tr '\\0' '\\n' < \"$f\"; done 2>/dev/null\n";
    }

    /** Runs git in the test repository as the service would: its configuration neutralised. */
    static String git(Path repo, String... args) {
        GitConfigGuard.RepositoryConfig config = GitConfigGuard.read(repo);
        if (config == null) {
            throw new IllegalStateException("cannot read the configuration of " + repo);
        }
        return run(repo, config.environment(repo), args);
    }

    /** Runs git with no protection: only for setting the repository up before its configuration is planted. */
    static String plainGit(Path repo, String... args) {
        return run(repo, Map.of(), args);
    }

    private static String run(Path repo, Map<String, String> environment, String... args) {
        try {
            List<String> argv = new ArrayList<>(List.of("git"));
            argv.addAll(List.of(args));
            ProcessBuilder builder = new ProcessBuilder(argv).directory(repo.toFile()).redirectErrorStream(true);
            builder.environment().putAll(environment);
            Process process = builder.start();
            String out = new String(process.getInputStream().readAllBytes());
            if (process.waitFor() != 0) {
                throw new IllegalStateException("git " + String.join(" ", args) + ": " + out);
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Neither marker exists: nothing a hostile configuration or command names has run. */
    public static boolean nothingRan() {
        return !Files.exists(MARKER) && !Files.exists(REPO_MARKER);
    }

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.ofEntries(
                Map.entry("workbench.repositories.api.path", REPO.toString()),
                Map.entry("workbench.repositories.api.commands.test", "echo tests-ran"),
                Map.entry("workbench.repositories.api.commands.lint", "sh -c \"head -c 5000 /dev/zero | tr '\\0' x\""),
                Map.entry("workbench.repositories.api.commands.migrate", "sh -c \"sleep 313 & sleep 314; wait\""),
                Map.entry("workbench.repositories.api.commands.format", "sh -c \"echo one; echo two >&2; echo three\""),
                Map.entry("workbench.repositories.api.commands.backup", "sh -c \"echo started; sleep 315\""),
                Map.entry("workbench.repositories.api.commands.restore", "sh -c \"sleep 316 & echo started\""),
                Map.entry("workbench.command.timeout", "2s"),
                Map.entry("workbench.command.max-output", "1K"),
                Map.entry("workbench.command.max-concurrent", "1"),
                Map.entry("workbench.app.audit-log", AUDIT.toString()));
    }
}
