package dev.workbench.health;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * One tool service's health: {@code online} (its /health answered 200), {@code degraded} (answered
 * something else, in {@code status_code}, or an answer over 4 KiB, {@code error} says so) or
 * {@code offline} (no answer, {@code error} says why).
 */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ServiceHealth(
        String name,
        String status,
        String url,
        @JsonProperty("status_code") Integer statusCode,
        String error) {

    public static final String ONLINE = "online";
    public static final String DEGRADED = "degraded";
    public static final String OFFLINE = "offline";
}
