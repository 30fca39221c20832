package dev.workbench.health;

import io.smallrye.config.ConfigMapping;
import java.time.Duration;

/** The tool-service health checks of {@code /health} and GraphQL. */
@ConfigMapping(prefix = "workbench.health")
public interface HealthConfig {

    /** {@code HEALTH_TIMEOUT}: longest wait for one service's {@code /health}; checks run in parallel (default 2s). */
    Duration timeout();

    /** {@code HEALTH_CACHE}: how long one result is reused, so a busy dashboard does not multiply checks; 0 disables (default 1s). */
    Duration cache();
}
