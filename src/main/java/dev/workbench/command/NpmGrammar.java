package dev.workbench.command;

import static dev.workbench.command.Grammar.COUNT;
import static dev.workbench.command.Grammar.SWITCH;
import static dev.workbench.command.Grammar.oneOf;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Safe mode for npm: {@code ci}, {@code install} of what package.json and the lock file name (no
 * package arguments), {@code test}, {@code run} of a script package.json names, {@code ls},
 * {@code audit} and {@code outdated}; no registry or configuration option. The repository's own
 * {@code .npmrc} is the only configuration file npm reads.
 */
final class NpmGrammar {

    private static final Pattern PACKAGE_NAME = Pattern.compile("(@[a-z0-9][a-z0-9._~-]*/)?[a-z0-9][a-z0-9._~-]{0,213}");
    private static final long MAX_PACKAGE_JSON = 1 << 20;

    private static final Grammar.Value OMIT = oneOf("dev", "optional", "peer");

    private static final Map<String, Grammar.Value> INSTALL = Map.of(
            "--ignore-scripts", SWITCH, "--omit", OMIT, "--no-audit", SWITCH, "--no-fund", SWITCH,
            "--prefer-offline", SWITCH, "--offline", SWITCH, "--foreground-scripts", SWITCH);
    private static final Map<String, Grammar.Value> RUN = Map.of("--if-present", SWITCH, "--silent", SWITCH, "-s", SWITCH);
    private static final Map<String, Grammar.Value> LS = Map.of(
            "--all", SWITCH, "-a", SWITCH, "--json", SWITCH, "--long", SWITCH, "--parseable", SWITCH,
            "--depth", COUNT, "--omit", OMIT);
    private static final Map<String, Grammar.Value> AUDIT = Map.of(
            "--json", SWITCH, "--omit", OMIT, "--audit-level", oneOf("info", "low", "moderate", "high", "critical", "none"));
    private static final Map<String, Grammar.Value> OUTDATED = Map.of("--json", SWITCH, "--long", SWITCH, "--all", SWITCH);

    /** Package names to filter a listing by. */
    private static final Grammar.Arguments PACKAGE_NAMES = (positional, paths, repository) -> {
        if (!paths.isEmpty()) {
            return "takes no arguments after --";
        }
        for (String name : positional) {
            if (!PACKAGE_NAME.matcher(name).matches()) {
                return "'" + name + "' is not a package name";
            }
        }
        return null;
    };

    /** Exactly one script that the repository's package.json names. */
    private static final Grammar.Arguments SCRIPT = (positional, paths, repository) -> {
        if (positional.size() != 1 || !paths.isEmpty()) {
            return "npm run takes exactly one script of package.json, and no arguments for it";
        }
        Set<String> scripts = scripts(repository);
        return scripts.contains(positional.get(0)) ? null
                : "'" + positional.get(0) + "' is not a script of package.json; scripts: " + String.join(", ", scripts.stream().sorted().toList());
    };

    /**
     * Every npm command: no user or global configuration file (paths that cannot exist; npm refuses
     * one file for both), and the settings of the repository's {@code .npmrc} that would run a
     * program of its choice or write outside the repository overridden from the environment, which
     * npm ranks above a project's {@code .npmrc}. The rest of that file (a registry, a scope) stays.
     */
    static Map<String, String> environment(String home) {
        return Map.ofEntries(
                Map.entry("npm_config_userconfig", "/proc/workbench-no-npmrc/user"),
                Map.entry("npm_config_globalconfig", "/proc/workbench-no-npmrc/global"),
                Map.entry("npm_config_update_notifier", "false"),
                Map.entry("npm_config_global", "false"),
                Map.entry("npm_config_location", "project"),
                Map.entry("npm_config_prefix", home + "/.npm-global"),
                Map.entry("npm_config_cache", home + "/.npm"),
                Map.entry("npm_config_logs_dir", home + "/.npm/_logs"),
                Map.entry("npm_config_git", "git"),
                Map.entry("npm_config_script_shell", "/bin/sh"),
                Map.entry("npm_config_shell", "/bin/sh"),
                Map.entry("npm_config_node_options", "--no-deprecation"),
                Map.entry("npm_config_foreground_scripts", "false"));
    }

    private NpmGrammar() {
    }

    static Set<String> subcommands() {
        return Set.of("ci", "install", "test", "run", "ls", "list", "audit", "outdated");
    }

    static Grammar.Syntax syntax(String subcommand) {
        return switch (subcommand) {
            case "ci", "install" -> new Grammar.Syntax(INSTALL, Grammar.Arguments.NONE);
            case "test" -> new Grammar.Syntax(RUN, Grammar.Arguments.NONE);
            case "run" -> new Grammar.Syntax(RUN, SCRIPT);
            case "ls", "list" -> new Grammar.Syntax(LS, PACKAGE_NAMES);
            case "audit" -> new Grammar.Syntax(AUDIT, Grammar.Arguments.NONE);
            case "outdated" -> new Grammar.Syntax(OUTDATED, PACKAGE_NAMES);
            default -> throw new IllegalArgumentException(subcommand);
        };
    }

    /** Whether {@code subcommand} reaches the registry. */
    static boolean needsNetwork(String subcommand) {
        return List.of("ci", "install", "audit", "outdated").contains(subcommand);
    }

    private static Set<String> scripts(Path repository) {
        Path packageJson = repository.resolve("package.json");
        try {
            if (!RepositoryPaths.inside(repository, "package.json") || !Files.isRegularFile(packageJson)
                    || Files.size(packageJson) > MAX_PACKAGE_JSON) {
                return Set.of();
            }
            JsonNode scripts = new ObjectMapper().readTree(packageJson.toFile()).path("scripts");
            java.util.Set<String> names = new java.util.TreeSet<>();
            scripts.fieldNames().forEachRemaining(names::add);
            return names;
        } catch (IOException e) {
            return Set.of();
        }
    }
}
