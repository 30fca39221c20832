package dev.workbench.heartbeat;

import io.smallrye.config.ConfigMapping;
import java.time.Duration;

/** The {@code /ws} heartbeat. */
@ConfigMapping(prefix = "workbench.heartbeat")
public interface HeartbeatConfig {

    /** {@code HEARTBEAT_INTERVAL}: time between heartbeats, e.g. {@code 5s} (default 5s). */
    Duration interval();
}
