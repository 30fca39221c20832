package dev.workbench.agent;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.ArrayList;
import java.util.List;

/** The answer to {@code stream: false}: the whole run folded into one object, written by our own ObjectMapper. */
@RegisterForReflection
public record AgentResult(String agent, String model, String content,
        @JsonProperty("tool_calls") List<ToolCallRecord> toolCalls, Usage usage) {

    /** One tool call of the run, as the stream's tool_start and tool_end reported it. */
    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ToolCallRecord(String id, String name, JsonNode arguments, String result, String error,
            @JsonProperty("duration_ms") long durationMs) {
    }

    @RegisterForReflection
    public record Usage(@JsonProperty("input_tokens") long inputTokens, @JsonProperty("output_tokens") long outputTokens) {
    }

    /** Folds the events of a run; an {@code Error} event makes it a failure. */
    static final class Builder {
        private final String agent;
        private String model;
        private String content = "";
        private final List<ToolCallRecord> toolCalls = new ArrayList<>();
        private long input;
        private long output;
        private AgentEvent.Error error;

        Builder(String agent) {
            this.agent = agent;
        }

        void accept(AgentEvent event) {
            switch (event) {
                case AgentEvent.ModelChosen chosen -> model = chosen.model(); // a fallback that took over answered
                case AgentEvent.Content c -> content = c.content();
                case AgentEvent.ToolEnd end when end.agent() == null -> toolCalls.add(new ToolCallRecord(end.id(), end.name(),
                        end.arguments(), end.result(), end.error(), end.durationMs()));
                case AgentEvent.Usage usage -> {
                    input += usage.inputTokens();
                    output += usage.outputTokens();
                }
                case AgentEvent.Error e -> error = e;
                default -> {
                    // tokens and thinking are in the content; the rest is stream framing
                }
            }
        }

        AgentEvent.Error error() {
            return error;
        }

        AgentResult build() {
            return new AgentResult(agent, model, content, List.copyOf(toolCalls), new Usage(input, output));
        }
    }
}
