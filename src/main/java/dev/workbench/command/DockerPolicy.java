package dev.workbench.command;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Safe mode for docker: the allowed subcommands, and for {@code run} no privileges, no host
 * namespaces, and no bind mounts outside the repository or of the docker socket.
 */
final class DockerPolicy {

    private static final Set<String> SUBCOMMANDS = Set.of("build", "images", "ps", "run", "tag", "push");
    private static final List<String> RUN_REFUSED = List.of("--privileged", "--cap-add", "--device", "--security-opt",
            "--volumes-from", "--device-cgroup-rule", "--sysctl");
    private static final Set<String> HOST_NAMESPACES = Set.of("--pid", "--network", "--net", "--ipc", "--uts", "--userns", "--cgroupns");

    private DockerPolicy() {
    }

    static CommandPolicy.Decision decide(List<String> words, Path repository) {
        if (words.size() < 2 || words.get(1).startsWith("-")) {
            return new CommandPolicy.Refuse("docker", "docker needs a subcommand first; options before it are not allowed");
        }
        if (!SUBCOMMANDS.contains(words.get(1))) {
            return new CommandPolicy.Refuse("docker", "docker " + words.get(1) + " is not allowed; allowed: " + String.join(", ", CommandPolicy.sorted(SUBCOMMANDS)));
        }
        if (words.get(1).equals("run")) {
            List<String> args = words.subList(2, words.size());
            for (int i = 0; i < args.size(); i++) {
                String arg = args.get(i);
                String option = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
                String value = arg.contains("=") ? arg.substring(arg.indexOf('=') + 1) : (i + 1 < args.size() ? args.get(i + 1) : "");
                if (CommandPolicy.startsWithAny(option, RUN_REFUSED)) {
                    return new CommandPolicy.Refuse("docker", "docker run " + option + " is not allowed in safe mode");
                }
                if (HOST_NAMESPACES.contains(option) && (value.equals("host") || value.startsWith("container:"))) {
                    return new CommandPolicy.Refuse("docker", "docker run " + option + "=" + value + " is not allowed in safe mode");
                }
                String mount = volumeSource(arg, option, value);
                if (mount != null && !mountAllowed(mount, repository)) {
                    return new CommandPolicy.Refuse("docker", "docker run may only bind-mount paths inside the repository, not " + mount);
                }
            }
        }
        return new CommandPolicy.Run("docker", words, Map.of());
    }

    /** The host side of a bind mount given by this argument, or null when it gives none. */
    private static String volumeSource(String arg, String option, String value) {
        if (option.equals("-v") || option.equals("--volume")) {
            return value.split(":", 2)[0];
        }
        if (arg.startsWith("-v") && arg.length() > 2 && !arg.startsWith("--")) {
            return arg.substring(2).split(":", 2)[0];
        }
        if (option.equals("--mount")) {
            for (String part : value.split(",")) {
                String[] kv = part.split("=", 2);
                if (kv.length == 2 && (kv[0].equals("source") || kv[0].equals("src"))) {
                    return value.contains("type=volume") ? null : kv[1];
                }
            }
        }
        return null;
    }

    private static boolean mountAllowed(String source, Path repository) {
        if (source.isEmpty()) {
            return false;
        }
        boolean hostPath = source.startsWith("/") || source.startsWith(".") || source.startsWith("~") || source.contains("/");
        if (!hostPath) {
            return true; // a named volume
        }
        if (source.startsWith("~") || source.contains("docker.sock")) {
            return false;
        }
        Path root = repository.toAbsolutePath().normalize();
        Path resolved = root.resolve(source).normalize();
        return resolved.startsWith(root);
    }
}
