package dev.workbench.command;

import static dev.workbench.command.Grammar.COUNT;
import static dev.workbench.command.Grammar.PATH;
import static dev.workbench.command.Grammar.SWITCH;
import static dev.workbench.command.Grammar.TEXT;
import static dev.workbench.command.Grammar.matching;
import static dev.workbench.command.Grammar.oneOf;

import java.nio.file.Files;
import java.util.Map;
import java.util.Set;

/**
 * Safe mode for docker: {@code build} of a context inside the repository, {@code images}, {@code ps},
 * {@code tag} and {@code push}, each with an allowlist of options. {@code docker run} is not in safe
 * mode at all: the daemon runs containers as root on the host, outside any sandbox of ours, so a
 * grammar would be the only layer between a command line and the host; the README says more.
 */
final class DockerGrammar {

    private static final Grammar.Value IMAGE = matching("[A-Za-z0-9][A-Za-z0-9._/:@-]{0,255}", "an image name");
    private static final Grammar.Value FORMAT = TEXT;

    private static final Grammar.Arguments CONTEXT = (positional, paths, repository) -> {
        if (positional.size() != 1 || !paths.isEmpty()) {
            return "docker build needs exactly one context, a directory inside the repository";
        }
        String context = positional.get(0);
        return PATH.check(context, repository) == null && Files.isDirectory(repository.resolve(context)) ? null
                : "docker build context must be a directory inside the repository, not '" + context + "'";
    };

    private static Grammar.Arguments images(int min, int max) {
        return (positional, paths, repository) -> {
            if (positional.size() < min || positional.size() > max || !paths.isEmpty()) {
                return min == max ? "takes exactly " + min + " image name" + (min == 1 ? "" : "s")
                        : "takes at most " + max + " image name";
            }
            for (String image : positional) {
                if (IMAGE.check(image, repository) != null) {
                    return "'" + image + "' is not an image name";
                }
            }
            return null;
        };
    }

    private static final Map<String, Grammar.Syntax> SUBCOMMANDS = Map.of(
            "build", new Grammar.Syntax(Map.ofEntries(
                    Map.entry("-t", IMAGE), Map.entry("--tag", IMAGE), Map.entry("-f", PATH), Map.entry("--file", PATH),
                    Map.entry("--build-arg", matching("[A-Za-z_][A-Za-z0-9_]{0,100}=[^\\n]{0,1000}", "NAME=value")),
                    Map.entry("--target", matching("[A-Za-z0-9][A-Za-z0-9._-]{0,100}", "a stage name")),
                    Map.entry("--label", matching("[A-Za-z0-9][A-Za-z0-9._-]{0,100}=[^\\n]{0,1000}", "name=value")),
                    Map.entry("--platform", matching("[a-z0-9]+/[a-z0-9]+(/[a-z0-9]+)?", "a platform such as linux/amd64")),
                    Map.entry("--progress", oneOf("auto", "plain", "tty", "quiet")),
                    Map.entry("--no-cache", SWITCH), Map.entry("--pull", SWITCH), Map.entry("-q", SWITCH), Map.entry("--quiet", SWITCH)),
                    CONTEXT),
            "images", new Grammar.Syntax(Map.of("-a", SWITCH, "--all", SWITCH, "-q", SWITCH, "--quiet", SWITCH,
                    "--format", FORMAT, "--no-trunc", SWITCH, "--digests", SWITCH), images(0, 1)),
            "ps", new Grammar.Syntax(Map.of("-a", SWITCH, "--all", SWITCH, "-q", SWITCH, "--quiet", SWITCH, "--format", FORMAT,
                    "--no-trunc", SWITCH, "-n", COUNT, "--last", COUNT, "-l", SWITCH, "--latest", SWITCH), images(0, 0)),
            "tag", new Grammar.Syntax(Map.of(), images(2, 2)),
            "push", new Grammar.Syntax(Map.of("-q", SWITCH, "--quiet", SWITCH), images(1, 1)));

    private DockerGrammar() {
    }

    static Set<String> subcommands() {
        return SUBCOMMANDS.keySet();
    }

    static Grammar.Syntax syntax(String subcommand) {
        return SUBCOMMANDS.get(subcommand);
    }
}
