package dev.workbench.command;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A real git repository in a temporary directory, with a pre-commit hook that would create the
 * marker file, a symbolic link {@code linked.py} to a script outside it that would too, the repository commands of the tests, a short timeout and a small output cap.
 */
public class CommandsProfile implements QuarkusTestProfile {

    static final Path ROOT = createRoot();
    public static final Path REPO = ROOT.resolve("repo");
    public static final Path MARKER = ROOT.resolve("pwned");
    public static final Path AUDIT = ROOT.resolve("audit.jsonl");

    private static Path createRoot() {
        try {
            Path root = Files.createTempDirectory("workbench-commands");
            Path repo = Files.createDirectories(root.resolve("repo"));
            git(repo, "init", "-q", "-b", "main");
            git(repo, "config", "user.email", "test@example.com");
            git(repo, "config", "user.name", "Test");
            Files.writeString(repo.resolve("README.md"), "hello\n");
            git(repo, "add", "README.md");
            git(repo, "commit", "-q", "-m", "initial");
            Path hook = repo.resolve(".git/hooks/pre-commit");
            Files.writeString(hook, "#!/bin/sh\ntouch " + root.resolve("pwned") + "\n");
            hook.toFile().setExecutable(true);
            Files.writeString(repo.resolve("tool.py"), "print('script ran')\n");
            // A script outside the repository that would create the marker, and a link to it inside.
            Path outside = Files.writeString(root.resolve("outside.py"), "open('" + root.resolve("pwned") + "', 'w')\n");
            Files.createSymbolicLink(repo.resolve("linked.py"), outside);
            return root;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String git(Path repo, String... args) {
        try {
            List<String> argv = new java.util.ArrayList<>(List.of("git"));
            argv.addAll(List.of(args));
            Process process = new ProcessBuilder(argv).directory(repo.toFile()).redirectErrorStream(true).start();
            String out = new String(process.getInputStream().readAllBytes());
            if (process.waitFor() != 0) {
                throw new IllegalStateException("git " + String.join(" ", args) + ": " + out);
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.ofEntries(
                Map.entry("workbench.repositories.api.path", REPO.toString()),
                Map.entry("workbench.repositories.api.commands.test", "echo tests-ran"),
                Map.entry("workbench.repositories.api.commands.lint", "sh -c \"head -c 5000 /dev/zero | tr '\\\\0' x\""),
                Map.entry("workbench.repositories.api.commands.migrate", "sh -c \"sleep 313 & sleep 314; wait\""),
                Map.entry("workbench.repositories.api.commands.format", "sh -c \"echo one; echo two >&2; echo three\""),
                Map.entry("workbench.repositories.api.commands.backup", "sh -c \"echo started; sleep 315\""),
                Map.entry("workbench.repositories.api.commands.restore", "sh -c \"sleep 316 & echo started\""),
                Map.entry("workbench.command.timeout", "2s"),
                Map.entry("workbench.command.max-output", "1K"),
                Map.entry("workbench.command.max-concurrent", "1"),
                Map.entry("workbench.app.audit-log", AUDIT.toString()));
    }
}
