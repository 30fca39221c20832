package dev.workbench.command;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;

/**
 * What git may read from configuration: nothing from the system or the user's files, and from the
 * repository's own {@code .git/config} (and what it includes) nothing that runs a program or reaches
 * elsewhere. Every such key is overridden on git's command line through {@code GIT_CONFIG_COUNT},
 * {@code GIT_CONFIG_KEY_n} and {@code GIT_CONFIG_VALUE_n}, which outrank every file: the fixed keys
 * of git-config(1) below, and the keys whose names the repository chooses ({@code filter.<driver>.clean},
 * {@code diff.<driver>.textconv}, …), found by listing the repository's configuration first.
 */
final class GitConfigGuard {

    /**
     * Keys of git-config(1) that run a program, reach another host or path, read a file outside the
     * repository, or pause for a person, each with a value checked against git 2.39 to neutralise it.
     * Three kinds cannot be neutralised by an override and are handled elsewhere: a remote's
     * {@code uploadpack}/{@code receivepack} (the first value wins: such remotes are refused),
     * {@code url.<base>.insteadOf} (every rewrite is checked) and {@code core.worktree} (overridden
     * by {@code GIT_WORK_TREE}); {@code core.gitProxy} only serves the git:// protocol, which is not allowed.
     */
    static final Map<String, String> FIXED = fixed();

    /** Keys named by the repository, lower-cased as git lists them, and what overrides each. */
    private static final List<Map.Entry<Pattern, String>> CHOSEN = List.of(
            Map.entry(Pattern.compile("filter\\..+\\.(clean|smudge|process)"), ""),
            Map.entry(Pattern.compile("filter\\..+\\.required"), "false"),
            Map.entry(Pattern.compile("diff\\..+\\.(command|textconv)"), ""),
            Map.entry(Pattern.compile("merge\\..+\\.driver"), ""),
            Map.entry(Pattern.compile("credential\\..+\\.helper"), ""),
            Map.entry(Pattern.compile("(http\\..+|remote\\..+)\\.proxy"), ""),
            Map.entry(Pattern.compile("http\\..+\\.cookiefile"), ""),
            Map.entry(Pattern.compile("remote\\..+\\.vcs"), ""),
            // branch.<name>.rebase=interactive would start the sequence editor on pull.
            Map.entry(Pattern.compile("branch\\..+\\.rebase"), "false"),
            Map.entry(Pattern.compile("pager\\..+"), "false"),
            Map.entry(Pattern.compile("gpg\\..+\\.program"), "false"));

    private static final Pattern HTTPS = Pattern.compile("https://(?:[^@/\\s]+@)?[A-Za-z0-9\\[][A-Za-z0-9.:\\[\\]-]*(?:/[^\\s]*)?");
    private static final Pattern SSH = Pattern.compile("ssh://(?:[^@/\\s]+@)?[A-Za-z0-9\\[][A-Za-z0-9.:\\[\\]-]*(?:/[^\\s]*)?");
    private static final Pattern SCP = Pattern.compile("(?:[A-Za-z0-9._-]+@)?[A-Za-z0-9][A-Za-z0-9.-]*:(?!/)[^\\s]+");
    private static final Pattern REMOTE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    private static final int MAX_KEYS = 2000;
    private static final long MAX_BYTES = 1 << 20;

    private static Map<String, String> fixed() {
        Map<String, String> keys = new LinkedHashMap<>();
        // A directory nobody can create: with /dev/null git still probes for hooks elsewhere.
        keys.put("core.hooksPath", "/proc/workbench-no-hooks");
        keys.put("core.fsmonitor", "false");
        keys.put("core.sshCommand", "ssh");
        keys.put("core.pager", "cat");
        keys.put("core.editor", "true");
        keys.put("sequence.editor", "true");
        keys.put("core.askPass", "");
        keys.put("credential.helper", "");
        keys.put("diff.external", "");
        keys.put("interactive.diffFilter", "");
        keys.put("core.gitProxy", "");
        keys.put("core.alternateRefsCommand", "true");
        keys.put("core.attributesFile", "/dev/null");
        keys.put("core.excludesFile", "/dev/null");
        keys.put("diff.orderFile", "/dev/null");
        keys.put("commit.template", "/dev/null");
        keys.put("mailmap.file", "");
        keys.put("mailmap.blob", "");
        keys.put("merge.verifySignatures", "false");
        keys.put("pull.rebase", "false");
        keys.put("http.cookieFile", "");
        keys.put("http.saveCookies", "false");
        keys.put("gpg.program", "false");
        keys.put("gpg.openpgp.program", "false");
        keys.put("gpg.x509.program", "false");
        keys.put("gpg.ssh.program", "false");
        keys.put("gpg.ssh.defaultKeyCommand", "");
        keys.put("commit.gpgSign", "false");
        keys.put("tag.gpgSign", "false");
        keys.put("push.gpgSign", "false");
        keys.put("log.showSignature", "false");
        keys.put("http.proxy", "");
        keys.put("protocol.allow", "never");
        keys.put("protocol.https.allow", "always");
        keys.put("protocol.ssh.allow", "always");
        keys.put("protocol.file.allow", "never");
        keys.put("protocol.ext.allow", "never");
        keys.put("protocol.git.allow", "never");
        keys.put("submodule.recurse", "false");
        keys.put("fetch.recurseSubmodules", "false");
        keys.put("push.recurseSubmodules", "no");
        keys.put("status.submoduleSummary", "false");
        keys.put("diff.ignoreSubmodules", "all");
        keys.put("diff.submodule", "short");
        keys.put("gc.auto", "0");
        keys.put("maintenance.auto", "false");
        return Map.copyOf(keys);
    }

    /**
     * The repository's configuration as git lists it, keys (lower-cased as git writes them) and
     * values, and the names of its submodules: each is told to be ignored, since git would otherwise
     * look into it and read that submodule's own configuration, which nothing here neutralises.
     */
    record RepositoryConfig(List<Map.Entry<String, String>> entries, List<String> submodules) {

        /** Variables for every git process in this repository: no outside configuration, every dangerous key overridden. */
        Map<String, String> environment(Path repository) {
            Map<String, String> overrides = new LinkedHashMap<>(FIXED);
            for (Map.Entry<String, String> entry : entries) {
                String key = entry.getKey();
                String lower = key.toLowerCase(Locale.ROOT);
                for (Map.Entry<Pattern, String> chosen : CHOSEN) {
                    if (chosen.getKey().matcher(lower).matches()) {
                        overrides.put(key, chosen.getValue());
                    }
                }
            }
            // .gitmodules' "ignore = none" outranks diff.ignoreSubmodules; the per-submodule key outranks it.
            submodules.forEach(name -> overrides.put("submodule." + name + ".ignore", "all"));
            Map<String, String> environment = new LinkedHashMap<>(baseEnvironment(repository));
            environment.put("GIT_CONFIG_COUNT", Integer.toString(overrides.size()));
            int n = 0;
            for (Map.Entry<String, String> override : overrides.entrySet()) {
                environment.put("GIT_CONFIG_KEY_" + n, override.getKey());
                environment.put("GIT_CONFIG_VALUE_" + n, override.getValue());
                n++;
            }
            return environment;
        }

        /**
         * Why {@code name} may not be pushed to or pulled from, or null: it must be a remote of the
         * repository whose every URL, as any {@code insteadOf} may rewrite it, is https or ssh, and
         * which names no program of its own.
         */
        String remoteProblem(String name, boolean push) {
            if (!REMOTE_NAME.matcher(name).matches()) {
                return "'" + name + "' is not a remote name";
            }
            String prefix = "remote." + name.toLowerCase(Locale.ROOT) + ".";
            List<String> urls = new ArrayList<>();
            for (Map.Entry<String, String> entry : entries) {
                String key = entry.getKey().toLowerCase(Locale.ROOT);
                if (!key.startsWith(prefix)) {
                    continue;
                }
                String variable = key.substring(prefix.length());
                if (variable.equals("uploadpack") || variable.equals("receivepack") || variable.equals("vcs")) {
                    return "remote '" + name + "' sets " + variable + ", which runs a program of the repository's choice";
                }
                if (variable.equals("url") || push && variable.equals("pushurl")) {
                    urls.add(entry.getValue());
                }
            }
            if (urls.isEmpty()) {
                return "'" + name + "' is not a remote of this repository";
            }
            for (String url : urls) {
                for (String candidate : rewrites(url)) {
                    if (!isNetworkUrl(candidate)) {
                        return "remote '" + name + "' is not an https or ssh URL";
                    }
                }
            }
            return null;
        }

        /** The URL and every rewrite an {@code insteadOf} or {@code pushInsteadOf} of the repository could make of it. */
        private List<String> rewrites(String url) {
            List<String> all = new ArrayList<>(List.of(url));
            for (Map.Entry<String, String> entry : entries) {
                String key = entry.getKey();
                String lower = key.toLowerCase(Locale.ROOT);
                if (lower.startsWith("url.") && (lower.endsWith(".insteadof") || lower.endsWith(".pushinsteadof"))
                        && url.startsWith(entry.getValue())) {
                    String base = key.substring(4, key.lastIndexOf('.'));
                    all.add(base + url.substring(entry.getValue().length()));
                }
            }
            return all;
        }
    }

    static boolean isNetworkUrl(String url) {
        return HTTPS.matcher(url).matches() || SSH.matcher(url).matches() || SCP.matcher(url).matches();
    }

    /** What every git process gets: its repository named explicitly, no system or user configuration, no prompts. */
    static Map<String, String> baseEnvironment(Path repository) {
        Map<String, String> environment = new LinkedHashMap<>();
        // An explicit repository: no discovery upwards, and core.worktree of the repository ignored.
        environment.put("GIT_DIR", repository.resolve(".git").toString());
        environment.put("GIT_WORK_TREE", repository.toString());
        environment.put("GIT_CONFIG_NOSYSTEM", "1");
        environment.put("GIT_CONFIG_GLOBAL", "/dev/null");
        environment.put("GIT_TERMINAL_PROMPT", "0");
        environment.put("GIT_ALLOW_PROTOCOL", "https:ssh");
        environment.put("GIT_EDITOR", "true");
        environment.put("GIT_PAGER", "cat");
        environment.put("GIT_NO_REPLACE_OBJECTS", "1");
        // A partial clone would fetch missing objects from its promisor remote, whatever its URL.
        environment.put("GIT_NO_LAZY_FETCH", "1");
        return environment;
    }

    private GitConfigGuard() {
    }

    /**
     * Lists the repository's configuration with {@code git config --list -z}, and its submodules from
     * {@code .gitmodules}: git reads files and runs nothing. Null when the repository cannot be read
     * whole (not a repository, a {@code .git} that is not a directory of its own, objects borrowed
     * from elsewhere, too large, or slower than 5 s: an include of a FIFO would block for ever), and
     * then git is not run at all.
     */
    static RepositoryConfig read(Path repository) {
        Path git = repository.resolve(".git");
        if (!Files.isDirectory(git, LinkOption.NOFOLLOW_LINKS) || Files.exists(git.resolve("commondir"), LinkOption.NOFOLLOW_LINKS)
                || Files.exists(git.resolve("objects/info/alternates"), LinkOption.NOFOLLOW_LINKS)) {
            return null;
        }
        List<Map.Entry<String, String>> entries = list(repository, "config", "--list", "-z");
        if (entries == null) {
            return null;
        }
        Set<String> submodules = new LinkedHashSet<>();
        if (Files.isRegularFile(repository.resolve(".gitmodules"), LinkOption.NOFOLLOW_LINKS)) {
            List<Map.Entry<String, String>> modules = list(repository, "config", "--file", ".gitmodules", "--list", "-z");
            if (modules == null) {
                return null;
            }
            addSubmoduleNames(modules, submodules);
        }
        addSubmoduleNames(entries, submodules);
        return new RepositoryConfig(entries, List.copyOf(submodules));
    }

    /** The {@code <name>} of every {@code submodule.<name>.<key>} among {@code entries}. */
    private static void addSubmoduleNames(List<Map.Entry<String, String>> entries, Set<String> names) {
        String prefix = "submodule.";
        for (Map.Entry<String, String> entry : entries) {
            String key = entry.getKey();
            if (key.startsWith(prefix) && key.lastIndexOf('.') > prefix.length()) {
                names.add(key.substring(prefix.length(), key.lastIndexOf('.')));
            }
        }
    }

    /** The {@code -z} listing of {@code git args...}, or null when it fails, is too large, or takes over 5 s. */
    private static List<Map.Entry<String, String>> list(Path repository, String... args) {
        List<String> argv = new ArrayList<>(List.of("git"));
        argv.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(argv).directory(repository.toFile())
                .redirectError(ProcessBuilder.Redirect.DISCARD);
        String path = builder.environment().getOrDefault("PATH", "/usr/local/bin:/usr/bin:/bin");
        builder.environment().clear();
        builder.environment().put("PATH", path);
        builder.environment().putAll(baseEnvironment(repository));
        Process process = null;
        try {
            process = builder.start();
            process.getOutputStream().close();
            Process started = process;
            FutureTask<byte[]> output = new FutureTask<>(() -> readCapped(started.getInputStream()));
            Thread.ofVirtual().start(output);
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                return null;
            }
            byte[] bytes = output.get(5, TimeUnit.SECONDS);
            if (bytes == null || process.exitValue() != 0) {
                return null;
            }
            return parse(new String(bytes, StandardCharsets.UTF_8));
        } catch (IOException | ExecutionException | TimeoutException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        } finally {
            if (process != null) {
                process.destroyForcibly();
            }
        }
    }

    private static byte[] readCapped(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        int n;
        while ((n = in.read(buffer)) >= 0) {
            if (out.size() + n > MAX_BYTES) {
                return null;
            }
            out.write(buffer, 0, n);
        }
        return out.toByteArray();
    }

    /** {@code -z} output: entries end with NUL, key and value are split by the first newline; null past the cap. */
    private static List<Map.Entry<String, String>> parse(String listing) {
        List<Map.Entry<String, String>> entries = new ArrayList<>();
        for (String entry : listing.split("\0")) {
            if (entry.isEmpty()) {
                continue;
            }
            if (entries.size() >= MAX_KEYS) {
                return null;
            }
            int newline = entry.indexOf('\n');
            entries.add(Map.entry(newline < 0 ? entry : entry.substring(0, newline), newline < 0 ? "" : entry.substring(newline + 1)));
        }
        return entries;
    }
}
