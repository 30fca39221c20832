package dev.workbench.store;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.List;

/**
 * One agent, router or workflow run as the store keeps it and {@code GET /agent/runs} shows it:
 * {@code status} is {@code running}, then {@code completed}, {@code failed} or {@code cancelled}.
 */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RunRecord(String id, String kind, String agent, String user, List<String> models, String status,
        @JsonProperty("started_at") String startedAt, @JsonProperty("ended_at") String endedAt,
        @JsonProperty("input_tokens") long inputTokens, @JsonProperty("output_tokens") long outputTokens, String error) {

    public static final String RUNNING = "running";
    public static final String COMPLETED = "completed";
    public static final String FAILED = "failed";
    public static final String CANCELLED = "cancelled";
}
