package dev.workbench.command;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.Path;

/** Whether a path given in a command stays inside the service's repository, symbolic links followed. */
final class RepositoryPaths {

    private RepositoryPaths() {
    }

    /**
     * True when {@code given}, relative to the repository or absolute, names the repository or
     * something inside it. The path is walked the way the kernel walks it: each existing component is
     * resolved to its real location before the next, so {@code link/..} is the parent of where
     * {@code link} points, not the repository. Components that do not exist yet (an output file) are
     * taken as written; a dangling link is refused. {@code ~} is refused, since only a shell would expand it.
     */
    static boolean inside(Path repository, String given) {
        if (given == null || given.isEmpty() || given.startsWith("~") || given.indexOf('\0') >= 0) {
            return false;
        }
        try {
            Path root = repository.toRealPath();
            Path path = Path.of(given);
            Path current = path.isAbsolute() ? path.getRoot() : root;
            for (Path component : path) {
                String name = component.toString();
                if (name.equals("..")) {
                    current = current.getParent() == null ? current : current.getParent();
                } else if (!name.equals(".")) {
                    current = current.resolve(name);
                    if (Files.exists(current)) {
                        current = current.toRealPath();
                    } else if (Files.exists(current, LinkOption.NOFOLLOW_LINKS)) {
                        return false; // a dangling link: writing through it would create its target, wherever that is
                    }
                }
            }
            return current.startsWith(root);
        } catch (IOException | InvalidPathException e) {
            return false;
        }
    }
}
