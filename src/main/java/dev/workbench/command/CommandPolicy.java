package dev.workbench.command;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Decides what a command may run, as an argument vector: the handler named by its first word, and
 * in safe mode only what each program's allowlist grammar accepts ({@link GitGrammar},
 * {@link NpmGrammar}, {@link PythonGrammar}, {@link DockerGrammar}), and whether it needs the network.
 * Nothing here starts a command; for git it lists the repository's configuration to neutralise it.
 */
final class CommandPolicy {

    static final String METACHARACTERS_REFUSED = "Command contains forbidden shell metacharacters";
    static final String CUSTOM_REFUSED = "Custom commands are disabled; set ALLOW_FULL_PRIVILEGE_COMMANDS=true to allow them";

    static final Set<String> REPOSITORY_HANDLERS = Set.of("test", "lint", "format", "analyze", "migrate", "backup", "restore");
    private static final List<String> METACHARACTERS = List.of(";", "&", "`", "$(", "${", "|", ">", "<", "\n", "\r", "\0");

    /** What to do with a command. */
    sealed interface Decision {
    }

    /**
     * Run {@code argv} in the repository, with {@code environment} added to the scrubbed one, and the
     * network reachable only when {@code network}.
     */
    record Run(String handler, List<String> argv, Map<String, String> environment, boolean network) implements Decision {
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
            return repositoryCommand(first, rest, repository, repositoryCommands);
        }
        return switch (first) {
            case "git" -> git(words, repository);
            case "docker" -> safe ? grammar("docker", words, DockerGrammar.subcommands(), DockerGrammar::syntax, repository, Map.of(), true)
                    : new Run("docker", words, Map.of(), true);
            case "npm" -> safe ? grammar("npm", words, NpmGrammar.subcommands(), NpmGrammar::syntax, repository, Map.of(),
                    words.size() > 1 && NpmGrammar.needsNetwork(words.get(1)))
                    : new Run("npm", words, Map.of(), needsNetwork(words));
            case "python", "python3" -> safe ? python(words, repository) : new Run("python", words, Map.of(), false);
            default -> fullPrivilege
                    ? new Run("custom", List.of("/bin/sh", "-c", shellLine(command, args)), Map.of(), false)
                    : new Refuse("custom", CUSTOM_REFUSED);
        };
    }

    private Decision repositoryCommand(String handler, List<String> extra, Path repository, Map<String, String> configured) {
        String line = configured.get(handler);
        if (line == null || line.isBlank()) {
            return new Refuse(handler, "No '" + handler + "' command is configured for this service");
        }
        if (safe) {
            for (String arg : extra) {
                if (arg.startsWith("-")) {
                    return new Refuse(handler, "Options cannot be added to the configured '" + handler + "' command in safe mode");
                }
                if (Grammar.PATH.check(arg, repository) != null) {
                    return new Refuse(handler, "'" + arg + "' is not a path inside the repository");
                }
            }
        }
        List<String> argv = new ArrayList<>(CommandTokenizer.split(line));
        argv.addAll(extra);
        if (argv.get(0).equals("git")) {
            GitConfigGuard.RepositoryConfig config = GitConfigGuard.read(repository);
            if (config == null) {
                return new Refuse(handler, unreadableConfig());
            }
            return new Run(handler, argv, config.environment(repository), needsNetwork(argv));
        }
        return new Run(handler, argv, Map.of(), needsNetwork(argv));
    }

    private Decision git(List<String> words, Path repository) {
        if (safe && (words.size() < 2 || words.get(1).startsWith("-"))) {
            return new Refuse("git", "git needs a subcommand first; options before it are not allowed");
        }
        if (safe && !GitGrammar.subcommands().contains(words.get(1))) {
            return new Refuse("git", "git " + words.get(1) + " is not allowed; allowed: " + String.join(", ", sorted(GitGrammar.subcommands())));
        }
        GitConfigGuard.RepositoryConfig config = GitConfigGuard.read(repository);
        if (config == null) {
            return new Refuse("git", unreadableConfig());
        }
        if (!safe) {
            return new Run("git", words, config.environment(repository), needsNetwork(words));
        }
        return grammar("git", words, GitGrammar.subcommands(), sub -> GitGrammar.syntax(sub, config), repository,
                config.environment(repository), GitGrammar.needsNetwork(words.get(1)));
    }

    private static String unreadableConfig() {
        return "The repository's git configuration cannot be read: it must be a git repository whose .git is a directory"
                + " of its own (no .git file or link, no commondir, no alternates), readable within 5 s";
    }

    /** {@code program subcommand args...} read against the program's grammar. */
    private static Decision grammar(String program, List<String> words, Set<String> subcommands,
            java.util.function.Function<String, Grammar.Syntax> syntaxes, Path repository, Map<String, String> environment,
            boolean network) {
        if (words.size() < 2 || words.get(1).startsWith("-")) {
            return new Refuse(program, program + " needs a subcommand first; options before it are not allowed");
        }
        String subcommand = words.get(1);
        if (!subcommands.contains(subcommand)) {
            return new Refuse(program, program + " " + subcommand + " is not allowed; allowed: " + String.join(", ", sorted(subcommands)));
        }
        Grammar.Parsed parsed = Grammar.parse(words.subList(0, 2), words.subList(2, words.size()), syntaxes.apply(subcommand), repository);
        if (parsed.refusal() != null) {
            return new Refuse(program, program + " " + subcommand + ": " + parsed.refusal());
        }
        return new Run(program, parsed.argv(), environment, network);
    }

    private static Decision python(List<String> words, Path repository) {
        Grammar.Parsed parsed = PythonGrammar.parse(words, repository);
        return parsed.refusal() != null ? new Refuse("python", parsed.refusal()) : new Run("python", parsed.argv(), Map.of(), false);
    }

    /** Whether an argument vector is one of the commands that reach the network (for the sandbox). */
    static boolean needsNetwork(List<String> argv) {
        if (argv.size() < 2) {
            return argv.size() == 1 && argv.get(0).equals("docker");
        }
        return switch (argv.get(0)) {
            case "git" -> GitGrammar.needsNetwork(argv.get(1));
            case "npm" -> NpmGrammar.needsNetwork(argv.get(1));
            case "docker" -> true;
            default -> false;
        };
    }

    private static boolean hasMetacharacters(String text) {
        return METACHARACTERS.stream().anyMatch(text::contains);
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
