package dev.workbench.command;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Decides what a command may run, as an argument vector: the handler named by its first word,
 * and in safe mode only the subcommands and options of each program that cannot turn into code
 * execution or writes outside the repository. Nothing here starts a process.
 */
final class CommandPolicy {

    static final String METACHARACTERS_REFUSED = "Command contains forbidden shell metacharacters";
    static final String CUSTOM_REFUSED = "Custom commands are disabled; set ALLOW_FULL_PRIVILEGE_COMMANDS=true to allow them";

    static final Set<String> REPOSITORY_HANDLERS = Set.of("test", "lint", "format", "analyze", "migrate", "backup", "restore");
    private static final List<String> METACHARACTERS = List.of(";", "&", "`", "$(", "${", "|", ">", "<", "\n", "\r", "\0");

    private static final Set<String> GIT_SUBCOMMANDS = Set.of("status", "log", "diff", "add", "commit", "push", "pull", "checkout", "branch");
    private static final List<String> GIT_REFUSED_OPTIONS = List.of("--upload-pack", "--receive-pack", "--exec", "--config",
            "--git-dir", "--work-tree", "--namespace", "--output", "--ext-diff", "--textconv", "--template", "--super-prefix",
            "--open-files-in-pager", "--pathspec-from-file", "--recurse-submodules", "--ssh", "--server-option", "--no-index",
            "--file", "--edit-description");
    private static final Set<String> GIT_REFUSED_SHORT = Set.of("-c", "-C", "-O");

    private static final Set<String> NPM_SUBCOMMANDS = Set.of("ci", "install", "test", "run", "ls", "list", "audit", "outdated");
    private static final List<String> NPM_REFUSED_OPTIONS = List.of("-g", "--global", "--location", "--prefix", "--userconfig",
            "--globalconfig", "--script-shell", "--node-options", "--registry");

    private static final Set<String> PYTHON_MODULES = Set.of("pytest", "unittest", "mypy", "ruff", "black", "flake8", "pylint",
            "compileall", "pip");
    private static final Set<String> PIP_SUBCOMMANDS = Set.of("list", "show", "freeze", "check");

    /** Git may never run a repository's hooks or fsmonitor, nor use transports that run programs. */
    static final Map<String, String> GIT_ENVIRONMENT = Map.of(
            "GIT_TERMINAL_PROMPT", "0",
            "GIT_ALLOW_PROTOCOL", "https:ssh:git:file",
            "GIT_CONFIG_NOSYSTEM", "1",
            "GIT_CONFIG_COUNT", "2",
            "GIT_CONFIG_KEY_0", "core.hooksPath",
            "GIT_CONFIG_VALUE_0", "/dev/null",
            "GIT_CONFIG_KEY_1", "core.fsmonitor",
            "GIT_CONFIG_VALUE_1", "false",
            // No editor (a commit without -m aborts at once instead of waiting for one) and no pager.
            "GIT_EDITOR", "true",
            "GIT_PAGER", "cat");

    /** What to do with a command. */
    sealed interface Decision {
    }

    /** Run {@code argv} in the repository, with {@code environment} added to the scrubbed one. */
    record Run(String handler, List<String> argv, Map<String, String> environment) implements Decision {
    }

    /** Refuse, saying why; nothing runs. */
    record Refuse(String handler, String reason) implements Decision {
    }

    private final boolean safe;
    private final boolean fullPrivilege;

    CommandPolicy(boolean safe, boolean fullPrivilege) {
        this.safe = safe;
        this.fullPrivilege = fullPrivilege;
    }

    Decision decide(String command, List<String> args, Path repository, Map<String, String> repositoryCommands) {
        List<String> all = new ArrayList<>();
        all.add(command);
        all.addAll(args);
        boolean control = all.stream().anyMatch(s -> s.chars().anyMatch(c -> c < 0x20 && c != '\t'));
        if (control || safe && all.stream().anyMatch(CommandPolicy::hasMetacharacters)) {
            return new Refuse("unknown", METACHARACTERS_REFUSED);
        }
        List<String> words = new ArrayList<>(CommandTokenizer.split(command));
        words.addAll(args);
        if (words.isEmpty()) {
            return new Refuse("unknown", "Command is empty");
        }
        String first = words.get(0);
        List<String> rest = words.subList(1, words.size());
        if (REPOSITORY_HANDLERS.contains(first)) {
            return repositoryCommand(first, rest, repositoryCommands);
        }
        return switch (first) {
            case "git" -> safe ? git(words) : new Run("git", words, GIT_ENVIRONMENT);
            case "docker" -> safe ? DockerPolicy.decide(words, repository) : new Run("docker", words, Map.of());
            case "npm" -> safe ? npm(words) : new Run("npm", words, Map.of());
            case "python", "python3" -> safe ? python(words, repository) : new Run("python", words, Map.of());
            default -> fullPrivilege
                    ? new Run("custom", List.of("/bin/sh", "-c", shellLine(command, args)), Map.of())
                    : new Refuse("custom", CUSTOM_REFUSED);
        };
    }

    private Decision repositoryCommand(String handler, List<String> extra, Map<String, String> configured) {
        String line = configured.get(handler);
        if (line == null || line.isBlank()) {
            return new Refuse(handler, "No '" + handler + "' command is configured for this service");
        }
        if (safe && extra.stream().anyMatch(a -> a.startsWith("-"))) {
            return new Refuse(handler, "Options cannot be added to the configured '" + handler + "' command in safe mode");
        }
        List<String> argv = new ArrayList<>(CommandTokenizer.split(line));
        argv.addAll(extra);
        return new Run(handler, argv, argv.get(0).equals("git") ? GIT_ENVIRONMENT : Map.of());
    }

    private static Decision git(List<String> words) {
        if (words.size() < 2 || words.get(1).startsWith("-")) {
            return new Refuse("git", "git needs a subcommand first; options before it are not allowed");
        }
        if (!GIT_SUBCOMMANDS.contains(words.get(1))) {
            return new Refuse("git", "git " + words.get(1) + " is not allowed; allowed: " + String.join(", ", sorted(GIT_SUBCOMMANDS)));
        }
        boolean commit = words.get(1).equals("commit");
        for (String arg : words.subList(2, words.size())) {
            if (GIT_REFUSED_SHORT.contains(arg) || startsWithAny(arg, GIT_REFUSED_OPTIONS) || arg.contains("::")
                    || arg.toLowerCase().contains("proxycommand") || commit && readsMessageFile(arg)) {
                return new Refuse("git", "git option or argument '" + arg + "' is not allowed in safe mode");
            }
        }
        return new Run("git", words, GIT_ENVIRONMENT);
    }

    /**
     * {@code git commit -F FILE} and {@code -t FILE} read any file into the commit message, from where
     * {@code git log} prints it; in a cluster ({@code -aF}) as well as alone.
     */
    private static boolean readsMessageFile(String arg) {
        return arg.startsWith("-") && !arg.startsWith("--") && (arg.indexOf('F') > 0 || arg.indexOf('t') > 0)
                && !arg.startsWith("-m");
    }

    private static Decision npm(List<String> words) {
        if (words.size() < 2 || words.get(1).startsWith("-")) {
            return new Refuse("npm", "npm needs a subcommand first; options before it are not allowed");
        }
        if (!NPM_SUBCOMMANDS.contains(words.get(1))) {
            return new Refuse("npm", "npm " + words.get(1) + " is not allowed; allowed: " + String.join(", ", sorted(NPM_SUBCOMMANDS)));
        }
        for (String arg : words.subList(2, words.size())) {
            if (startsWithAny(arg, NPM_REFUSED_OPTIONS)) {
                return new Refuse("npm", "npm option '" + arg + "' is not allowed in safe mode");
            }
        }
        return new Run("npm", words, Map.of());
    }

    private static Decision python(List<String> words, Path repository) {
        if (words.size() == 2 && (words.get(1).equals("--version") || words.get(1).equals("-V"))) {
            return new Run("python", words, Map.of());
        }
        if (words.size() >= 3 && words.get(1).equals("-m")) {
            String module = words.get(2);
            if (!PYTHON_MODULES.contains(module)) {
                return new Refuse("python", "python -m " + module + " is not allowed; allowed: " + String.join(", ", sorted(PYTHON_MODULES)));
            }
            if (module.equals("pip") && (words.size() < 4 || !PIP_SUBCOMMANDS.contains(words.get(3)))) {
                return new Refuse("python", "python -m pip may only " + String.join(", ", sorted(PIP_SUBCOMMANDS)));
            }
            return new Run("python", words, Map.of());
        }
        if (words.size() >= 2 && words.get(1).endsWith(".py") && !words.get(1).startsWith("-")) {
            if (RepositoryPaths.inside(repository, words.get(1)) && Files.isRegularFile(repository.resolve(words.get(1)))) {
                return new Run("python", words, Map.of());
            }
            return new Refuse("python", "python may only run scripts inside the repository");
        }
        return new Refuse("python", "python may only run --version, -m with an allowed module, or a script of the repository");
    }

    private static boolean hasMetacharacters(String text) {
        return METACHARACTERS.stream().anyMatch(text::contains);
    }

    static boolean startsWithAny(String arg, List<String> prefixes) {
        return prefixes.stream().anyMatch(p -> arg.equals(p) || arg.startsWith(p + "=") || arg.startsWith(p) && p.startsWith("--"));
    }

    static List<String> sorted(Set<String> values) {
        return values.stream().sorted().toList();
    }

    private static String shellLine(String command, List<String> args) {
        StringBuilder line = new StringBuilder(command);
        args.forEach(arg -> line.append(" '").append(arg.replace("'", "'\\''")).append('\''));
        return line.toString();
    }
}
