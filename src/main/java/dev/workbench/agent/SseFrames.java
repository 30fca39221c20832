package dev.workbench.agent;

import dev.workbench.common.StreamResponses;
import io.vertx.core.buffer.Buffer;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/** Writes each agent event as the original's server-sent event; internal events give no frame. */
@ApplicationScoped
public class SseFrames {

    private final StreamResponses streams;

    SseFrames(StreamResponses streams) {
        this.streams = streams;
    }

    public List<Buffer> frame(AgentEvent event) {
        Buffer frame = switch (event) {
            case AgentEvent.Thinking thinking -> streams.event("thinking", thinking);
            case AgentEvent.Token token -> streams.data(token);
            case AgentEvent.ToolStart start -> streams.event("tool_start", start);
            case AgentEvent.ToolEnd end -> streams.event("tool_end", end);
            case AgentEvent.Content content -> streams.data(content);
            case AgentEvent.Error error -> streams.event("error", error);
            case AgentEvent.End end -> streams.end();
            case AgentEvent.KeepAlive keepAlive -> streams.comment("keepalive");
            case AgentEvent.ModelChosen model -> null;
            case AgentEvent.Usage usage -> null;
        };
        return frame == null ? List.of() : List.of(frame);
    }
}
