package dev.workbench.command;

import static dev.workbench.command.Grammar.COUNT;
import static dev.workbench.command.Grammar.PATH;
import static dev.workbench.command.Grammar.SWITCH;
import static dev.workbench.command.Grammar.TEXT;
import static dev.workbench.command.Grammar.matching;
import static dev.workbench.command.Grammar.oneOf;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Safe mode for python: {@code --version}, a script of the repository, or {@code -m} with one of the
 * allowed modules, each with its own options; every path inside the repository. {@code python} runs
 * as {@code python3}.
 */
final class PythonGrammar {

    private static final Grammar.Value RULES = matching("[A-Za-z0-9,-]{1,200}", "a list of rule codes");
    private static final Pattern TEST_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_.]{0,200}");

    /** Paths, pytest node ids ({@code tests/test_a.py::test_one}) included. */
    private static final Grammar.Arguments TEST_PATHS = (positional, paths, repository) -> {
        for (String arg : Grammar.concat(positional, paths)) {
            String path = arg.contains("::") ? arg.substring(0, arg.indexOf("::")) : arg;
            if (PATH.check(path, repository) != null) {
                return "'" + arg + "' is not a path inside the repository";
            }
        }
        return null;
    };

    /** Dotted test names or paths inside the repository. */
    private static final Grammar.Arguments TEST_NAMES = (positional, paths, repository) -> {
        for (String arg : Grammar.concat(positional, paths)) {
            if (!TEST_NAME.matcher(arg).matches() && PATH.check(arg, repository) != null) {
                return "'" + arg + "' is neither a test name nor a path inside the repository";
            }
        }
        return null;
    };

    private static final Map<String, Grammar.Syntax> MODULES = Map.ofEntries(
            Map.entry("pytest", new Grammar.Syntax(Map.ofEntries(
                    Map.entry("-q", SWITCH), Map.entry("-v", SWITCH), Map.entry("-vv", SWITCH), Map.entry("-x", SWITCH),
                    Map.entry("-s", SWITCH), Map.entry("-l", SWITCH), Map.entry("--tb", oneOf("auto", "long", "short", "line", "native", "no")),
                    Map.entry("-k", TEXT), Map.entry("-m", TEXT), Map.entry("--maxfail", COUNT), Map.entry("--co", SWITCH),
                    Map.entry("--collect-only", SWITCH), Map.entry("-ra", SWITCH), Map.entry("-rA", SWITCH), Map.entry("--lf", SWITCH),
                    Map.entry("--ff", SWITCH), Map.entry("--sw", SWITCH), Map.entry("--no-header", SWITCH),
                    Map.entry("-p", oneOf("no:cacheprovider")), Map.entry("--junitxml", PATH), Map.entry("--durations", COUNT)),
                    TEST_PATHS)),
            Map.entry("unittest", new Grammar.Syntax(Map.of("-v", SWITCH, "-q", SWITCH, "-f", SWITCH, "-b", SWITCH, "-k", TEXT),
                    TEST_NAMES)),
            Map.entry("unittest discover", new Grammar.Syntax(Map.of("-v", SWITCH, "-q", SWITCH, "-f", SWITCH, "-b", SWITCH,
                    "-k", TEXT, "-s", PATH, "-p", matching("[A-Za-z0-9_*.?-]{1,100}", "a file pattern"), "-t", PATH),
                    Grammar.Arguments.NONE)),
            Map.entry("compileall", new Grammar.Syntax(Map.of("-q", SWITCH, "-f", SWITCH, "-l", SWITCH, "-j", COUNT, "-r", COUNT),
                    Grammar.Arguments.PATHS)),
            Map.entry("mypy", new Grammar.Syntax(Map.of("--strict", SWITCH, "--ignore-missing-imports", SWITCH,
                    "--no-error-summary", SWITCH, "--pretty", SWITCH), Grammar.Arguments.PATHS)),
            Map.entry("ruff check", new Grammar.Syntax(Map.of("--fix", SWITCH, "--diff", SWITCH, "--statistics", SWITCH,
                    "--select", RULES, "--ignore", RULES), Grammar.Arguments.PATHS)),
            Map.entry("ruff format", new Grammar.Syntax(Map.of("--check", SWITCH, "--diff", SWITCH), Grammar.Arguments.PATHS)),
            Map.entry("black", new Grammar.Syntax(Map.of("--check", SWITCH, "--diff", SWITCH, "-q", SWITCH), Grammar.Arguments.PATHS)),
            Map.entry("flake8", new Grammar.Syntax(Map.of("--count", SWITCH, "--statistics", SWITCH, "--max-line-length", COUNT,
                    "--select", RULES, "--ignore", RULES), Grammar.Arguments.PATHS)),
            Map.entry("pylint", new Grammar.Syntax(Map.of("--disable", RULES, "--errors-only", SWITCH, "-E", SWITCH),
                    Grammar.Arguments.PATHS)),
            Map.entry("pip list", new Grammar.Syntax(Map.of("--format", oneOf("columns", "freeze", "json")), Grammar.Arguments.NONE)),
            Map.entry("pip freeze", new Grammar.Syntax(Map.of(), Grammar.Arguments.NONE)),
            Map.entry("pip check", new Grammar.Syntax(Map.of(), Grammar.Arguments.NONE)),
            Map.entry("pip show", new Grammar.Syntax(Map.of("-f", SWITCH, "--files", SWITCH),
                    (positional, paths, repository) -> positional.stream().allMatch(name -> name.matches("[A-Za-z0-9._-]{1,100}"))
                            && paths.isEmpty() ? null : "takes package names only")));

    private PythonGrammar() {
    }

    /** The argument vector of {@code words} ({@code python ...}), or the reason it is refused. */
    static Grammar.Parsed parse(List<String> words, Path repository) {
        List<String> args = words.subList(1, words.size());
        if (args.size() == 1 && (args.get(0).equals("--version") || args.get(0).equals("-V"))) {
            return new Grammar.Parsed(List.of("python3", "--version"), null);
        }
        if (args.size() >= 2 && args.get(0).equals("-m")) {
            String module = args.get(1);
            List<String> rest = args.subList(2, args.size());
            String key = module;
            if (List.of("unittest", "ruff", "pip").contains(module) && !rest.isEmpty() && MODULES.containsKey(module + " " + rest.get(0))) {
                key = module + " " + rest.get(0);
                rest = rest.subList(1, rest.size());
            }
            Grammar.Syntax syntax = MODULES.get(key);
            if (syntax == null) {
                return new Grammar.Parsed(null, "python -m " + module + (key.equals(module) ? "" : " " + key)
                        + " is not allowed; allowed: " + String.join(", ", CommandPolicy.sorted(MODULES.keySet())));
            }
            List<String> head = new ArrayList<>(List.of("python3", "-m"));
            head.addAll(List.of(key.split(" ")));
            return Grammar.parse(head, rest, syntax, repository);
        }
        if (!args.isEmpty() && args.get(0).endsWith(".py") && !args.get(0).startsWith("-")) {
            String script = args.get(0);
            if (PATH.check(script, repository) != null || !Files.isRegularFile(repository.resolve(script))) {
                return new Grammar.Parsed(null, "python may only run scripts inside the repository, not '" + script + "'");
            }
            for (String arg : args.subList(1, args.size())) {
                boolean pathLike = arg.contains("/") || arg.startsWith(".") || arg.startsWith("~");
                if (pathLike && PATH.check(arg, repository) != null) {
                    return new Grammar.Parsed(null, "'" + arg + "' is not a path inside the repository");
                }
            }
            List<String> argv = new ArrayList<>(List.of("python3"));
            argv.addAll(args);
            return new Grammar.Parsed(argv, null);
        }
        return new Grammar.Parsed(null, "python may only run --version, -m with an allowed module, or a script of the repository");
    }
}
