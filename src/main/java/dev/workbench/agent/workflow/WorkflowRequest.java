package dev.workbench.agent.workflow;

import com.fasterxml.jackson.databind.JsonNode;
import dev.workbench.agent.AgentRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;

/**
 * The optional body of {@code POST /agent/workflow/execute}: the conversation every step receives,
 * context for every step, and {@code stream: false} for one JSON answer.
 */
public record WorkflowRequest(
        @Size(max = 1000) List<AgentRequest.@NotNull @Valid Message> messages,
        JsonNode context,
        Boolean stream) {

    public boolean streaming() {
        return stream == null || stream;
    }
}
