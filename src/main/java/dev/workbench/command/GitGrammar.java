package dev.workbench.command;

import static dev.workbench.command.Grammar.COUNT;
import static dev.workbench.command.Grammar.PATH;
import static dev.workbench.command.Grammar.SWITCH;
import static dev.workbench.command.Grammar.TEXT;
import static dev.workbench.command.Grammar.matching;
import static dev.workbench.command.Grammar.oneOf;
import static dev.workbench.command.Grammar.optional;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Safe mode for git: per subcommand, the options accepted by exact spelling, revisions that match a
 * ref grammar, paths inside the repository, and remotes that are configured with an https or ssh
 * URL. What git reads from the repository's configuration is neutralised by {@link GitConfigGuard}.
 */
final class GitGrammar {

    /** {@code main}, {@code HEAD~2}, {@code v1.2^{}}, {@code @{u}}, {@code ^origin/main}; no {@code :}, no {@code ..} component. */
    private static final Pattern REV_WORD = Pattern.compile("\\^?[A-Za-z0-9_@][A-Za-z0-9_./@{}~^+-]*");
    private static final Pattern RANGE = Pattern.compile("\\.\\.\\.?");

    private static final Grammar.Value REVISION = (value, repository) -> isRevision(value) ? null : "is not a revision";
    private static final Grammar.Value BRANCH = (value, repository) -> isRefName(value) ? null : "is not a branch name";
    private static final Grammar.Value DATE = matching("[A-Za-z0-9 :.,+-]{1,64}", "a date");
    private static final Grammar.Value FORMAT = TEXT;

    /** Revisions or paths, then paths after {@code --}: log, diff, checkout. */
    private static final Grammar.Arguments REVISIONS_AND_PATHS = (positional, paths, repository) -> {
        for (String arg : positional) {
            if (!isRevisionOrPath(arg, repository)) {
                return "'" + arg + "' is neither a revision nor a path inside the repository";
            }
        }
        return Grammar.Arguments.PATHS.check(List.of(), paths, repository);
    };

    /** Branch names: branch. */
    private static final Grammar.Arguments BRANCHES = (positional, paths, repository) -> {
        if (!paths.isEmpty()) {
            return "takes no paths";
        }
        for (String arg : positional) {
            if (!isRevision(arg) || arg.contains("..")) {
                return "'" + arg + "' is not a branch name";
            }
        }
        return null;
    };

    private static final Map<String, Grammar.Value> STATUS = Map.ofEntries(
            Map.entry("-s", SWITCH), Map.entry("--short", SWITCH), Map.entry("-b", SWITCH), Map.entry("--branch", SWITCH),
            Map.entry("--long", SWITCH), Map.entry("--porcelain", optional(oneOf("v1", "v2"))),
            Map.entry("-u", SWITCH), Map.entry("--untracked-files", optional(oneOf("no", "normal", "all"))),
            Map.entry("--ignored", SWITCH), Map.entry("--show-stash", SWITCH), Map.entry("--ahead-behind", SWITCH),
            Map.entry("--no-ahead-behind", SWITCH), Map.entry("-v", SWITCH), Map.entry("--verbose", SWITCH));

    /** Options log and diff share: what to show of each change. */
    private static final Map<String, Grammar.Value> DIFF_OUTPUT = Map.ofEntries(
            Map.entry("-p", SWITCH), Map.entry("--patch", SWITCH), Map.entry("--stat", SWITCH), Map.entry("--shortstat", SWITCH),
            Map.entry("--numstat", SWITCH), Map.entry("--name-only", SWITCH), Map.entry("--name-status", SWITCH),
            Map.entry("--summary", SWITCH), Map.entry("--no-color", SWITCH), Map.entry("-w", SWITCH),
            Map.entry("--ignore-all-space", SWITCH), Map.entry("--unified", COUNT),
            Map.entry("--word-diff", optional(oneOf("color", "plain", "porcelain", "none"))));

    private static final Map<String, Grammar.Value> LOG = with(DIFF_OUTPUT, Map.ofEntries(
            Map.entry("--oneline", SWITCH), Map.entry("-n", COUNT), Map.entry("--max-count", COUNT), Map.entry("--skip", COUNT),
            Map.entry("--graph", SWITCH), Map.entry("--decorate", optional(oneOf("short", "full", "auto", "no"))),
            Map.entry("--all", SWITCH), Map.entry("--branches", SWITCH), Map.entry("--tags", SWITCH),
            Map.entry("--format", FORMAT), Map.entry("--pretty", optional(FORMAT)),
            Map.entry("--since", DATE), Map.entry("--until", DATE), Map.entry("--after", DATE), Map.entry("--before", DATE),
            Map.entry("--author", TEXT), Map.entry("--committer", TEXT), Map.entry("--grep", TEXT), Map.entry("-i", SWITCH),
            Map.entry("--reverse", SWITCH), Map.entry("--no-merges", SWITCH), Map.entry("--merges", SWITCH),
            Map.entry("--first-parent", SWITCH), Map.entry("--abbrev-commit", SWITCH), Map.entry("--no-abbrev-commit", SWITCH),
            Map.entry("--date", oneOf("relative", "local", "iso", "iso-strict", "rfc", "short", "raw", "unix", "default")),
            Map.entry("--follow", SWITCH)));

    private static final Map<String, Grammar.Value> DIFF = with(DIFF_OUTPUT, Map.ofEntries(
            Map.entry("--cached", SWITCH), Map.entry("--staged", SWITCH), Map.entry("--merge-base", SWITCH),
            Map.entry("--exit-code", SWITCH), Map.entry("--quiet", SWITCH), Map.entry("--check", SWITCH),
            Map.entry("-M", SWITCH), Map.entry("--find-renames", SWITCH)));

    private static final Map<String, Grammar.Value> ADD = Map.ofEntries(
            Map.entry("-A", SWITCH), Map.entry("--all", SWITCH), Map.entry("-u", SWITCH), Map.entry("--update", SWITCH),
            Map.entry("-N", SWITCH), Map.entry("--intent-to-add", SWITCH), Map.entry("-n", SWITCH), Map.entry("--dry-run", SWITCH),
            Map.entry("-v", SWITCH), Map.entry("--verbose", SWITCH), Map.entry("-f", SWITCH), Map.entry("--force", SWITCH),
            Map.entry("--renormalize", SWITCH));

    private static final Map<String, Grammar.Value> COMMIT = Map.ofEntries(
            Map.entry("-m", TEXT), Map.entry("--message", TEXT), Map.entry("-a", SWITCH), Map.entry("--all", SWITCH),
            Map.entry("--amend", SWITCH), Map.entry("--no-edit", SWITCH), Map.entry("--allow-empty", SWITCH),
            Map.entry("-q", SWITCH), Map.entry("--quiet", SWITCH), Map.entry("-s", SWITCH), Map.entry("--signoff", SWITCH),
            Map.entry("--author", matching("[^<>\\n]{1,100} <[^<>\\s]{1,200}>", "'Name <email>'")),
            Map.entry("--date", DATE), Map.entry("--dry-run", SWITCH), Map.entry("--short", SWITCH),
            Map.entry("--porcelain", SWITCH), Map.entry("-n", SWITCH), Map.entry("--no-verify", SWITCH));

    private static final Map<String, Grammar.Value> CHECKOUT = Map.ofEntries(
            Map.entry("-b", BRANCH), Map.entry("-B", BRANCH), Map.entry("-q", SWITCH), Map.entry("--quiet", SWITCH),
            Map.entry("--detach", SWITCH), Map.entry("-f", SWITCH), Map.entry("--force", SWITCH));

    private static final Map<String, Grammar.Value> BRANCH_OPTIONS = Map.ofEntries(
            Map.entry("-a", SWITCH), Map.entry("--all", SWITCH), Map.entry("-r", SWITCH), Map.entry("--remotes", SWITCH),
            Map.entry("-v", SWITCH), Map.entry("-vv", SWITCH), Map.entry("--verbose", SWITCH), Map.entry("-l", SWITCH),
            Map.entry("--list", SWITCH), Map.entry("--show-current", SWITCH), Map.entry("-d", SWITCH), Map.entry("--delete", SWITCH),
            Map.entry("-D", SWITCH), Map.entry("-m", SWITCH), Map.entry("--move", SWITCH), Map.entry("-c", SWITCH),
            Map.entry("--copy", SWITCH), Map.entry("--merged", optional(REVISION)), Map.entry("--no-merged", optional(REVISION)),
            Map.entry("--contains", REVISION), Map.entry("--no-contains", REVISION), Map.entry("--sort", matching("-?[a-z:]{1,40}", "a sort key")));

    /** Options push, pull and fetch share. */
    private static final Map<String, Grammar.Value> TRANSFER = Map.ofEntries(
            Map.entry("-q", SWITCH), Map.entry("--quiet", SWITCH), Map.entry("-v", SWITCH), Map.entry("--verbose", SWITCH),
            Map.entry("--tags", SWITCH), Map.entry("--no-tags", SWITCH), Map.entry("--dry-run", SWITCH),
            Map.entry("--progress", SWITCH), Map.entry("--no-progress", SWITCH), Map.entry("--prune", SWITCH),
            Map.entry("-4", SWITCH), Map.entry("-6", SWITCH));

    private static final Map<String, Grammar.Value> PUSH = with(TRANSFER, Map.ofEntries(
            Map.entry("-u", SWITCH), Map.entry("--set-upstream", SWITCH), Map.entry("--force-with-lease", SWITCH),
            Map.entry("--follow-tags", SWITCH), Map.entry("--porcelain", SWITCH), Map.entry("-d", SWITCH),
            Map.entry("--delete", SWITCH), Map.entry("--atomic", SWITCH), Map.entry("--no-verify", SWITCH), Map.entry("-n", SWITCH)));

    private static final Map<String, Grammar.Value> PULL = with(TRANSFER, Map.ofEntries(
            Map.entry("--ff-only", SWITCH), Map.entry("--ff", SWITCH), Map.entry("--no-ff", SWITCH),
            Map.entry("--rebase", SWITCH), Map.entry("--no-rebase", SWITCH), Map.entry("--no-edit", SWITCH),
            Map.entry("--depth", COUNT)));

    private static final Map<String, Grammar.Value> FETCH = with(TRANSFER, Map.ofEntries(
            Map.entry("--depth", COUNT), Map.entry("--unshallow", SWITCH), Map.entry("-p", SWITCH), Map.entry("-t", SWITCH)));

    /** Diffs never run an external diff program or a textconv filter of the repository's attributes. */
    private static final List<String> NO_DIFF_PROGRAMS = List.of("--no-ext-diff", "--no-textconv");

    private GitGrammar() {
    }

    /** The subcommands safe mode allows. */
    static Set<String> subcommands() {
        return Set.of("status", "log", "diff", "add", "commit", "push", "pull", "fetch", "checkout", "branch");
    }

    /** The grammar of {@code subcommand}; remotes are judged against the repository's {@code config}. */
    static Grammar.Syntax syntax(String subcommand, GitConfigGuard.RepositoryConfig config) {
        return switch (subcommand) {
            case "status" -> new Grammar.Syntax(STATUS, Grammar.Arguments.PATHS, List.of(), true);
            case "log" -> new Grammar.Syntax(LOG, REVISIONS_AND_PATHS, NO_DIFF_PROGRAMS, true);
            case "diff" -> new Grammar.Syntax(DIFF, REVISIONS_AND_PATHS, NO_DIFF_PROGRAMS, true);
            case "add" -> new Grammar.Syntax(ADD, Grammar.Arguments.PATHS, List.of(), true);
            case "commit" -> new Grammar.Syntax(COMMIT, Grammar.Arguments.PATHS, List.of(), true);
            // git 2.39's checkout reads --end-of-options as a path: not added there.
            case "checkout" -> new Grammar.Syntax(CHECKOUT, REVISIONS_AND_PATHS, List.of(), false);
            case "branch" -> new Grammar.Syntax(BRANCH_OPTIONS, BRANCHES, List.of(), true);
            case "push" -> new Grammar.Syntax(PUSH, remoteAndRefspecs(config, true), List.of(), true);
            // git pull hands what follows --end-of-options to fetch as options: never added there.
            case "pull" -> new Grammar.Syntax(PULL, remoteAndRefspecs(config, false), List.of(), false);
            case "fetch" -> new Grammar.Syntax(FETCH, remoteAndRefspecs(config, false), List.of(), true);
            default -> throw new IllegalArgumentException(subcommand);
        };
    }

    /** Whether {@code subcommand} reaches the network. */
    static boolean needsNetwork(String subcommand) {
        return subcommand.equals("push") || subcommand.equals("pull") || subcommand.equals("fetch");
    }

    /**
     * A remote configured in the repository, named explicitly (the default remote is the
     * repository's choice), whose URLs are https or ssh, then refspecs {@code [+]src[:dst]}.
     */
    private static Grammar.Arguments remoteAndRefspecs(GitConfigGuard.RepositoryConfig config, boolean push) {
        return (positional, paths, repository) -> {
            if (positional.isEmpty()) {
                return "name the remote, for example 'origin'";
            }
            if (!paths.isEmpty()) {
                return "takes no paths";
            }
            String problem = config.remoteProblem(positional.get(0), push);
            if (problem != null) {
                return problem;
            }
            for (String refspec : positional.subList(1, positional.size())) {
                if (!isRefspec(refspec)) {
                    return "'" + refspec + "' is not a refspec";
                }
            }
            return null;
        };
    }

    static boolean isRevision(String value) {
        if (value.isEmpty() || value.length() > 200) {
            return false;
        }
        String[] ends = RANGE.split(value, -1);
        if (ends.length > 2 || ends.length == 2 && ends[0].isEmpty() && ends[1].isEmpty()) {
            return false;
        }
        for (String end : ends) {
            if (!end.isEmpty() && !isRefName(end)) {
                return false;
            }
        }
        return true;
    }

    /** One revision without range syntax: no empty, {@code .} or {@code ..} component, no {@code :}. */
    static boolean isRefName(String value) {
        if (!REV_WORD.matcher(value).matches() || value.endsWith("/") || value.endsWith(".lock")) {
            return false;
        }
        for (String component : value.split("/", -1)) {
            if (component.isEmpty() || component.startsWith(".")) {
                return false;
            }
        }
        return true;
    }

    private static boolean isRefspec(String value) {
        String spec = value.startsWith("+") ? value.substring(1) : value;
        int colon = spec.indexOf(':');
        if (colon < 0) {
            return isRefName(spec);
        }
        String source = spec.substring(0, colon);
        String destination = spec.substring(colon + 1);
        return (source.isEmpty() || isRefName(source)) && isRefName(destination);
    }

    /**
     * A revision, unless a file of that name exists, or else a path: either way nothing outside the
     * repository ({@code git diff /etc/hostname a.txt} would compare the outside file).
     */
    private static boolean isRevisionOrPath(String arg, Path repository) {
        if (isRevision(arg) && !exists(repository, arg)) {
            return true;
        }
        return PATH.check(arg, repository) == null;
    }

    private static boolean exists(Path repository, String name) {
        try {
            return Files.exists(repository.resolve(name), LinkOption.NOFOLLOW_LINKS);
        } catch (InvalidPathException e) {
            return true; // not a revision git could read either: judged as a path
        }
    }

    private static Map<String, Grammar.Value> with(Map<String, Grammar.Value> base, Map<String, Grammar.Value> more) {
        Map<String, Grammar.Value> all = new HashMap<>(base);
        all.putAll(more);
        return Map.copyOf(all);
    }
}
