package dev.workbench.command;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The allowlist grammar of one program's subcommand: the options it accepts, by exact spelling, with
 * the values each takes, and a reader for the rest of its arguments. Anything else that starts with
 * {@code -} is refused, so a program's own abbreviation rules ({@code --rece} for
 * {@code --receive-pack}) never come into play.
 *
 * <p>A long option's value follows {@code =} only ({@code --format=%H}: git's revision parser reads
 * {@code --format %H} differently from its option parser, so the next word is never taken as a long
 * option's value); a short option's value is the next word only ({@code -m msg}, never
 * {@code -mmsg} or a cluster such as {@code -am}).
 */
final class Grammar {

    /** What an option's value may be; {@code null} from {@link #check} means acceptable. */
    interface Value {
        /** The reason {@code value} is refused, or null. */
        String check(String value, Path repository);
    }

    /** The option is a switch: it takes no value (compared by identity). */
    static final Value SWITCH = (value, repository) -> "takes no value";

    private static final Pattern NUMBER = Pattern.compile("[0-9]{1,9}");

    /** Any text without control characters (a commit message, a search pattern). */
    static final Value TEXT = (value, repository) -> value.chars().anyMatch(c -> c < 0x20 && c != '\n' && c != '\t')
            ? "contains control characters" : null;

    /** A small whole number. */
    static final Value COUNT = (value, repository) -> NUMBER.matcher(value).matches() ? null : "is not a number";

    /**
     * A path that stays inside the repository once symbolic links are followed; never with a
     * {@code :}, which git reads as pathspec magic or as {@code <rev>:<path>}.
     */
    static final Value PATH = (value, repository) -> !value.startsWith("-") && value.indexOf(':') < 0
            && RepositoryPaths.inside(repository, value) ? null : "is not a path inside the repository";

    /** An optional value: the bare option is a switch, and {@code --option=value} is checked by {@code value}. */
    static Value optional(Value value) {
        return new OptionalValue(value);
    }

    private record OptionalValue(Value value) implements Value {
        @Override
        public String check(String given, Path repository) {
            return value.check(given, repository);
        }
    }

    /** One of a fixed set of words. */
    static Value oneOf(String... values) {
        Set<String> allowed = Set.of(values);
        return (value, repository) -> allowed.contains(value) ? null
                : "must be one of " + String.join(", ", CommandPolicy.sorted(allowed));
    }

    /** Text matching {@code pattern}, described as {@code what} in a refusal. */
    static Value matching(String pattern, String what) {
        Pattern compiled = Pattern.compile(pattern);
        return (value, repository) -> compiled.matcher(value).matches() ? null : "is not " + what;
    }

    /**
     * Reads the arguments that are not options: {@code positional} before a {@code --}, {@code paths}
     * after it (empty when there was none); the reason they are refused, or null.
     */
    interface Arguments {
        String check(List<String> positional, List<String> paths, Path repository);

        /** No arguments besides options. */
        Arguments NONE = (positional, paths, repository) -> positional.isEmpty() && paths.isEmpty() ? null
                : "takes no argument '" + (positional.isEmpty() ? "--" : positional.get(0)) + "'";

        /** Every argument a path inside the repository. */
        Arguments PATHS = (positional, paths, repository) -> {
            for (String path : concat(positional, paths)) {
                if (PATH.check(path, repository) != null) {
                    return "'" + path + "' is not a path inside the repository";
                }
            }
            return null;
        };
    }

    /**
     * One subcommand: its options ({@code null} value = switch), its arguments, options that are
     * always added after the subcommand ({@code --no-ext-diff}), and whether {@code --end-of-options}
     * may stand before its arguments.
     */
    record Syntax(Map<String, Value> options, Arguments arguments, List<String> added, boolean endOfOptions) {

        Syntax(Map<String, Value> options, Arguments arguments) {
            this(options, arguments, List.of(), false);
        }
    }

    /** The argument vector to run, or the reason the words are refused. */
    record Parsed(List<String> argv, String refusal) {
    }

    private Grammar() {
    }

    /**
     * Reads {@code args} (what follows {@code head}, the program and its subcommand) against
     * {@code syntax}; on success the argument vector is {@code head}, the added options, the given
     * options in their order, {@code --end-of-options} where supported, the arguments, and
     * {@code --} with the paths after it.
     */
    static Parsed parse(List<String> head, List<String> args, Syntax syntax, Path repository) {
        List<String> options = new ArrayList<>();
        List<String> positional = new ArrayList<>();
        List<String> paths = new ArrayList<>();
        boolean dashDash = false;
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (dashDash) {
                paths.add(arg);
                continue;
            }
            if (arg.equals("--")) {
                dashDash = true;
                continue;
            }
            if (!arg.startsWith("-") || arg.equals("-")) {
                positional.add(arg);
                continue;
            }
            int eq = arg.startsWith("--") ? arg.indexOf('=') : -1;
            String name = eq < 0 ? arg : arg.substring(0, eq);
            if (!syntax.options().containsKey(name)) {
                return refused("option '" + arg + "' is not allowed");
            }
            Value value = syntax.options().get(name);
            if (value == SWITCH || value instanceof OptionalValue && eq < 0) {
                if (eq >= 0 && value == SWITCH) {
                    return refused("option '" + name + "' takes no value");
                }
                options.add(arg);
                continue;
            }
            String given;
            if (eq >= 0) {
                given = arg.substring(eq + 1);
                options.add(arg);
            } else if (arg.startsWith("--")) {
                return refused("option '" + arg + "' needs its value after '=', as " + arg + "=VALUE");
            } else if (i + 1 < args.size()) {
                given = args.get(++i);
                options.add(arg);
                options.add(given);
            } else {
                return refused("option '" + arg + "' needs a value");
            }
            String problem = value.check(given, repository);
            if (problem != null) {
                return refused("value '" + given + "' of option '" + name + "' " + problem);
            }
        }
        String problem = syntax.arguments().check(positional, paths, repository);
        if (problem != null) {
            return refused(problem);
        }
        List<String> argv = new ArrayList<>(head);
        argv.addAll(syntax.added());
        argv.addAll(options);
        if (syntax.endOfOptions() && !positional.isEmpty()) {
            argv.add("--end-of-options");
        }
        argv.addAll(positional);
        if (dashDash) {
            argv.add("--");
            argv.addAll(paths);
        }
        return new Parsed(argv, null);
    }

    private static Parsed refused(String reason) {
        return new Parsed(null, reason);
    }

    static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
