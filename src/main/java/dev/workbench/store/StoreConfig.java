package dev.workbench.store;

import io.smallrye.config.ConfigMapping;
import java.nio.file.Path;
import java.util.Optional;

/** Where what must outlive the process is kept: files under {@code DATA_DIR}, or PostgreSQL at {@code DATABASE_URL}. */
@ConfigMapping(prefix = "workbench.store")
public interface StoreConfig {

    /** {@code DATA_DIR}: the embedded store's folder (default {@code data}; {@code /data}, a Fly volume, in the images). */
    Path dataDir();

    /** {@code DATABASE_URL}: {@code postgres://user:password@host:5432/db?sslmode=disable}; set, PostgreSQL is the store. */
    Optional<String> databaseUrl();
}
