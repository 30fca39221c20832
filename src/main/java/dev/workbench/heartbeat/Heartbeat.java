package dev.workbench.heartbeat;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Instant;

/** One heartbeat message: {@code {"type":"heartbeat","timestamp":"<ISO-8601 UTC>"}}. */
@RegisterForReflection
public record Heartbeat(String type, String timestamp) {

    static Heartbeat now() {
        return new Heartbeat("heartbeat", Instant.now().toString());
    }
}
