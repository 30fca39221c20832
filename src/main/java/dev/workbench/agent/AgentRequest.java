package dev.workbench.agent;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;

/** The body of {@code POST /agent/execute}, as the dashboard sends it. */
public record AgentRequest(
        String agent,
        @NotNull @Size(min = 1, max = 1000) List<@NotNull @Valid Message> messages,
        Boolean stream,
        @Size(max = 100) List<@NotNull String> tools,
        JsonNode context) {

    /** One turn of the conversation; {@code metadata} is the dashboard's and is not sent to the model. */
    public record Message(
            @NotNull @Pattern(regexp = "system|user|assistant|tool", message = "must be system, user, assistant or tool") String role,
            @NotNull String content,
            JsonNode metadata) {
    }

    public boolean streaming() {
        return stream == null || stream;
    }
}
