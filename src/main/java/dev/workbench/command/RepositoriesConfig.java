package dev.workbench.command;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithParentName;
import java.nio.file.Path;
import java.util.Map;

/**
 * The repositories commands run in ({@code workbench.repositories.<id>.*}): the request's
 * {@code service} is one of these ids and is never used as a path itself.
 */
@ConfigMapping(prefix = "workbench.repositories")
public interface RepositoriesConfig {

    @WithParentName
    Map<String, Repository> all();

    /** One repository. */
    interface Repository {

        /** Its working directory. */
        Path path();

        /** The commands of the handlers test, lint, format, analyze, migrate, backup and restore, as argument vectors. */
        Map<String, String> commands();
    }
}
