package dev.workbench.command;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Safe mode for docker: the allowed subcommands; for {@code run} no privileges, no host namespaces,
 * no bind mounts outside the repository or of the docker socket, and no host files read or written
 * outside it; for {@code build} a context, Dockerfile, outputs, secrets and caches inside the
 * repository, no SSH forwarding and no extra entitlements. Options are read the way docker's own
 * parser reads them, short-option clusters ({@code -itv /etc:/x}) included; where a reading is
 * ambiguous it errs towards refusing.
 */
final class DockerPolicy {

    private static final Set<String> SUBCOMMANDS = Set.of("build", "images", "ps", "run", "tag", "push");

    private static final List<String> RUN_REFUSED = List.of("--privileged", "--cap-add", "--device", "--security-opt",
            "--volumes-from", "--device-cgroup-rule", "--sysctl", "--volume-driver", "--runtime");
    private static final Set<String> HOST_NAMESPACES = Set.of("--pid", "--network", "--net", "--ipc", "--uts", "--userns", "--cgroupns");
    /** Options of {@code run} naming a host file the docker client reads or writes. */
    private static final Set<String> RUN_HOST_FILES = Set.of("--env-file", "--label-file", "--cidfile");
    /** Short options of {@code run} that take a value; every other letter is a switch. */
    private static final Set<Character> RUN_SHORT_VALUES = Set.of('a', 'c', 'e', 'h', 'l', 'm', 'p', 'u', 'v', 'w');

    private static final List<String> BUILD_REFUSED = List.of("--ssh", "--allow", "--security-opt");
    /** Options of {@code build} naming a host file or directory. */
    private static final Set<String> BUILD_HOST_FILES = Set.of("--file", "--iidfile", "--metadata-file");
    /** Options of {@code build} that are switches; every other long option takes a value. */
    private static final Set<String> BUILD_SWITCHES = Set.of("--load", "--no-cache", "--pull", "--push", "--quiet", "--check",
            "--compress", "--force-rm", "--rm", "--squash", "--disable-content-trust");
    private static final Set<Character> BUILD_SHORT_VALUES = Set.of('f', 't', 'o', 'm');
    private static final Map<Character, String> BUILD_SHORT_NAMES = Map.of('f', "--file", 't', "--tag", 'o', "--output",
            'm', "--memory", 'q', "--quiet");

    /**
     * One option as docker reads it: its long or short name, its value ("" for a switch), and whether
     * that value is the next word of the command line.
     */
    private record Option(String name, String value, boolean valueIsNext) {
    }

    private DockerPolicy() {
    }

    static CommandPolicy.Decision decide(List<String> words, Path repository) {
        if (words.size() < 2 || words.get(1).startsWith("-")) {
            return refuse("docker needs a subcommand first; options before it are not allowed");
        }
        String subcommand = words.get(1);
        if (!SUBCOMMANDS.contains(subcommand)) {
            return refuse("docker " + subcommand + " is not allowed; allowed: " + String.join(", ", CommandPolicy.sorted(SUBCOMMANDS)));
        }
        List<String> args = words.subList(2, words.size());
        String refusal = switch (subcommand) {
            case "run" -> run(args, repository);
            case "build" -> build(args, repository);
            default -> null;
        };
        return refusal == null ? new CommandPolicy.Run("docker", words, Map.of()) : refuse(refusal);
    }

    private static CommandPolicy.Refuse refuse(String reason) {
        return new CommandPolicy.Refuse("docker", reason);
    }

    /**
     * Every argument is read as a possible option, also those after the image (the container's own
     * command line): {@code docker run alpine echo --privileged} is refused with the rest, a price
     * paid for never misreading where the options end.
     */
    private static String run(List<String> args, Path repository) {
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            String next = i + 1 < args.size() ? args.get(i + 1) : "";
            for (Option option : options(arg, next, Set.of(), RUN_SHORT_VALUES, Map.of())) {
                String refusal = runOption(option, repository);
                if (refusal != null) {
                    return refusal;
                }
            }
        }
        return null;
    }

    private static String runOption(Option option, Path repository) {
        String name = option.name();
        String value = option.value();
        if (CommandPolicy.startsWithAny(name, RUN_REFUSED)) {
            return "docker run " + name + " is not allowed in safe mode";
        }
        if (HOST_NAMESPACES.contains(name) && (value.equals("host") || value.startsWith("container:"))) {
            return "docker run " + name + "=" + value + " is not allowed in safe mode";
        }
        if (RUN_HOST_FILES.contains(name) && !RepositoryPaths.inside(repository, value)) {
            return "docker run " + name + " may only name a file inside the repository, not " + value;
        }
        if (name.equals("-v") || name.equals("--volume")) {
            String source = value.split(":", 2)[0];
            if (!mountAllowed(source, repository)) {
                return "docker run may only bind-mount paths inside the repository, not " + source;
            }
        }
        if (name.equals("--mount")) {
            if (!values(value, "volume-opt", "volume-driver").isEmpty()) {
                return "docker run --mount with volume-opt or volume-driver is not allowed in safe mode";
            }
            for (String source : values(value, "source", "src")) {
                if (!mountAllowed(source, repository)) {
                    return "docker run may only bind-mount paths inside the repository, not " + source;
                }
            }
        }
        return null;
    }

    /**
     * {@code docker build [options] CONTEXT}: exactly one context, a directory inside the repository
     * (no URL, no standard input), and every host path an option names inside the repository.
     */
    private static String build(List<String> args, Path repository) {
        List<String> contexts = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            String next = i + 1 < args.size() ? args.get(i + 1) : "";
            if (arg.equals("-")) {
                return "docker build cannot read its context from standard input";
            }
            if (!arg.startsWith("-")) {
                contexts.add(arg);
                continue;
            }
            List<Option> options = options(arg, next, BUILD_SWITCHES, BUILD_SHORT_VALUES, BUILD_SHORT_NAMES);
            i += options.stream().anyMatch(Option::valueIsNext) ? 1 : 0;
            for (Option option : options) {
                String refusal = buildOption(option, repository);
                if (refusal != null) {
                    return refusal;
                }
            }
        }
        if (contexts.size() != 1) {
            return "docker build needs exactly one context, a directory inside the repository";
        }
        String context = contexts.get(0);
        if (context.contains("://") || context.startsWith("git@") || !RepositoryPaths.inside(repository, context)) {
            return "docker build context must be a directory inside the repository, not " + context;
        }
        return null;
    }

    private static String buildOption(Option option, Path repository) {
        String name = option.name();
        String value = option.value();
        if (CommandPolicy.startsWithAny(name, BUILD_REFUSED)) {
            return "docker build " + name + " is not allowed in safe mode";
        }
        if (name.equals("--network") && value.equals("host")) {
            return "docker build --network=host is not allowed in safe mode";
        }
        if (BUILD_HOST_FILES.contains(name) && !RepositoryPaths.inside(repository, value)) {
            return "docker build " + name + " may only name a file inside the repository, not " + value;
        }
        List<String> paths = switch (name) {
            // -o DIR is short for type=local,dest=DIR
            case "--output" -> value.contains("=") ? values(value, "dest") : List.of(value);
            case "--secret", "--cache-from" -> values(value, "src", "source");
            case "--cache-to" -> values(value, "dest");
            case "--build-context" -> buildContext(value);
            default -> List.of();
        };
        for (String path : paths) {
            if (!RepositoryPaths.inside(repository, path)) {
                return "docker build " + name + " may only name paths inside the repository, not " + path;
            }
        }
        return null;
    }

    /** The host path of {@code --build-context name=value}; images and URLs name none. */
    private static List<String> buildContext(String value) {
        String source = value.contains("=") ? value.substring(value.indexOf('=') + 1) : value;
        if (source.startsWith("docker-image://") || source.startsWith("https://")) {
            return List.of();
        }
        return List.of(source.startsWith("oci-layout://") ? source.substring("oci-layout://".length()) : source);
    }

    /**
     * The options one word gives, as docker's parser reads them; none for a word that is not an
     * option. A long option takes a value after {@code =}, else the next word unless it is one of
     * {@code switches}. A cluster of short options is switches until a letter of {@code shortValues},
     * whose value is the rest of the word or else the next word. Refusal checks use long names where
     * {@code shortNames} gives them.
     */
    private static List<Option> options(String arg, String next, Set<String> switches, Set<Character> shortValues,
            Map<Character, String> shortNames) {
        if (arg.startsWith("--")) {
            int eq = arg.indexOf('=');
            if (eq >= 0) {
                return List.of(new Option(arg.substring(0, eq), arg.substring(eq + 1), false));
            }
            return List.of(switches.contains(arg) ? new Option(arg, "", false) : new Option(arg, next, true));
        }
        List<Option> options = new ArrayList<>();
        for (int j = 1; arg.startsWith("-") && j < arg.length(); j++) {
            char letter = arg.charAt(j);
            String name = shortNames.getOrDefault(letter, "-" + letter);
            if (shortValues.contains(letter)) {
                String rest = arg.substring(j + 1);
                options.add(rest.isEmpty() ? new Option(name, next, true)
                        : new Option(name, rest.startsWith("=") ? rest.substring(1) : rest, false));
                break;
            }
            options.add(new Option(name, "", false));
        }
        return options;
    }

    /**
     * Every value given to one of {@code keys} in docker's {@code key=value,key=value} notation, each
     * repetition included (which of two docker keeps is not ours to guess); a bare key counts as "".
     */
    private static List<String> values(String csv, String... keys) {
        Set<String> wanted = Set.of(keys);
        List<String> found = new ArrayList<>();
        for (String part : csv.split(",")) {
            int eq = part.indexOf('=');
            if (wanted.contains((eq < 0 ? part : part.substring(0, eq)).trim())) {
                found.add(eq < 0 ? "" : part.substring(eq + 1));
            }
        }
        return found;
    }

    private static boolean mountAllowed(String source, Path repository) {
        if (source.isEmpty() || source.contains("docker.sock")) {
            return false;
        }
        boolean hostPath = source.startsWith("/") || source.startsWith(".") || source.startsWith("~") || source.contains("/");
        return !hostPath || RepositoryPaths.inside(repository, source); // a name without a slash is a named volume
    }
}
