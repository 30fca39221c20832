package dev.workbench.agent;

import dev.workbench.common.StreamResponses;
import io.smallrye.mutiny.Multi;
import io.vertx.core.buffer.Buffer;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;

/**
 * Writes each agent event as the original's server-sent event; internal events give no frame. As
 * the original's later version, a stream opens with {@code event: open}, beats with
 * {@code event: hb} when silent, and ends with {@code event: done} right before {@code end}, each
 * with {@code data: {}}.
 */
@ApplicationScoped
public class SseFrames {

    private static final Map<String, Object> NO_DATA = Map.of();

    private final StreamResponses streams;

    SseFrames(StreamResponses streams) {
        this.streams = streams;
    }

    /** {@code frames} of one run's events, after the {@code open} frame. */
    public Multi<Buffer> stream(Multi<AgentEvent> events) {
        return Multi.createBy().concatenating().streams(
                Multi.createFrom().item(streams.event("open", NO_DATA)),
                events.onItem().transformToIterable(this::frame));
    }

    public List<Buffer> frame(AgentEvent event) {
        return switch (event) {
            case AgentEvent.Thinking thinking -> List.of(streams.event("thinking", thinking));
            case AgentEvent.Reasoning reasoning -> List.of(streams.event("thinking", reasoning));
            case AgentEvent.Token token -> List.of(streams.data(token));
            case AgentEvent.ToolStart start -> List.of(streams.event("tool_start", start));
            case AgentEvent.ToolEnd end -> List.of(streams.event("tool_end", end));
            case AgentEvent.Content content -> List.of(streams.data(content));
            case AgentEvent.Error error -> List.of(streams.event("error", error));
            case AgentEvent.StepStart step -> List.of(streams.event("step_start", step));
            case AgentEvent.StepEnd step -> List.of(streams.event("step_end", step));
            case AgentEvent.StepError error -> List.of(streams.event("error", error));
            case AgentEvent.KeepAlive keepAlive -> List.of(streams.event("hb", NO_DATA));
            case AgentEvent.End end -> List.of(streams.event("done", NO_DATA), streams.end());
            case AgentEvent.ModelChosen model -> List.of();
            case AgentEvent.Usage usage -> List.of();
        };
    }
}
