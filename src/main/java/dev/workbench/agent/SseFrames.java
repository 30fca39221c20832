package dev.workbench.agent;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.buffer.Buffer;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Writes agent events as the original's server-sent events, byte for byte: an {@code event:}
 * line when named, one {@code data:} line of JSON, a blank line; {@code event: end} with
 * {@code data: [DONE]} last; {@code : keepalive} comments in silences.
 */
@ApplicationScoped
public class SseFrames {

    private final ObjectMapper json;

    SseFrames(ObjectMapper json) {
        this.json = json;
    }

    /** The frame of one event; events the stream does not carry give none. */
    public List<Buffer> frame(AgentEvent event) {
        String text = switch (event) {
            case AgentEvent.Thinking thinking -> named("thinking", thinking);
            case AgentEvent.Token token -> data(token);
            case AgentEvent.ToolStart start -> named("tool_start", start);
            case AgentEvent.ToolEnd end -> named("tool_end", end);
            case AgentEvent.Content content -> data(content);
            case AgentEvent.Error error -> named("error", error);
            case AgentEvent.End end -> "event: end\ndata: [DONE]\n\n";
            case AgentEvent.KeepAlive keepAlive -> ": keepalive\n\n";
            case AgentEvent.ModelChosen model -> null;
            case AgentEvent.Usage usage -> null;
        };
        return text == null ? List.of() : List.of(Buffer.buffer(text.getBytes(StandardCharsets.UTF_8)));
    }

    private String named(String name, Object data) {
        return "event: " + name + "\n" + data(data);
    }

    private String data(Object data) {
        try {
            // Jackson escapes line breaks inside strings, so one event is always one data line.
            return "data: " + json.writeValueAsString(data) + "\n\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write event " + data.getClass().getSimpleName(), e);
        }
    }
}
