package dev.workbench.health;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.Map;

/** The answer of {@code GET /health}: {@code healthy} when every service is online, else {@code degraded}. */
@RegisterForReflection
public record SystemHealth(String status, String timestamp, Map<String, ServiceHealth> services) {

    public static final String HEALTHY = "healthy";
    public static final String DEGRADED = "degraded";
}
