package dev.workbench.common;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithConverter;

/** Settings that concern the whole process rather than one feature. */
@ConfigMapping(prefix = "workbench.app")
public interface AppConfig {

    /** {@code ENVIRONMENT}: {@code development} (defaults allowed) or {@code production} (secrets required). */
    @WithConverter(Environment.Converter.class)
    Environment environment();

    /** {@code TESTING}: when true, no call leaves the process for tool-service health checks. */
    @io.smallrye.config.WithConverter(dev.workbench.common.StrictBoolean.Testing.class)
    Boolean testing();

    /** {@code AUDIT_LOG}: JSON-lines file every command and deployment is appended to (default audit/audit.jsonl). */
    java.nio.file.Path auditLog();

    /**
     * {@code SHUTDOWN_GRACE}: on SIGTERM, how long requests that can finish may take, and commands to
     * record their end; under {@code fly.toml}'s {@code kill_timeout}.
     */
    java.time.Duration shutdownGrace();
}
