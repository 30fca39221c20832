package dev.workbench.agent;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * What happens during an agent run, in order. {@link SseFrames} writes each as the original's
 * server-sent event; the non-streaming answer is folded from the same events.
 */
public sealed interface AgentEvent {

    /** The agent's analysis or the model's own reasoning; {@code agent} names a delegate. */
    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Thinking(String text, String agent) implements AgentEvent {
        public Thinking(String text) {
            this(text, null);
        }
    }

    /** One delta of the model's own reasoning, as the provider streamed it: {@code event: thinking}, like {@link Thinking}. */
    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Reasoning(String text, String agent) implements AgentEvent {
    }

    /** One text delta of the answer, as the provider streamed it. */
    @RegisterForReflection
    record Token(String token) implements AgentEvent {
    }

    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record ToolStart(String id, String name, JsonNode arguments, String agent) implements AgentEvent {
    }

    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record ToolEnd(String id, String name, String result, String error,
            @JsonProperty("duration_ms") long durationMs, String agent, @JsonIgnore JsonNode arguments) implements AgentEvent {
    }

    /** The whole answer, once the run is done. */
    @RegisterForReflection
    record Content(String content) implements AgentEvent {
    }

    /** The model that runs the agent, before its first token; not sent on the stream. */
    record ModelChosen(String model) implements AgentEvent {
    }

    /** Tokens the provider counted for one call; not sent on the stream. */
    record Usage(long inputTokens, long outputTokens) implements AgentEvent {
    }

    /**
     * A failure: {@code failure} decides what a non-streaming caller gets ({@link
     * dev.workbench.common.FailureStatus}); null for a bug. The stream carries only the text, which
     * names any wait.
     */
    @RegisterForReflection
    record Error(String error, @JsonIgnore dev.workbench.common.Failure failure) implements AgentEvent {
    }

    /** Silence on the stream for a while: a heartbeat ({@code event: hb}) keeps proxies from cutting it. */
    record KeepAlive() implements AgentEvent {
    }

    /** A workflow step begins: {@code event: step_start}. */
    @RegisterForReflection
    record StepStart(int index, String agent, String action) implements AgentEvent {
    }

    /** A workflow step ended well: {@code event: step_end}. */
    @RegisterForReflection
    record StepEnd(int index, String status) implements AgentEvent {
    }

    /** A workflow step failed and the workflow stops: {@code event: error} with the step's index. */
    @RegisterForReflection
    record StepError(String error, int index, @JsonIgnore dev.workbench.common.Failure failure) implements AgentEvent {
    }

    /** Always last: {@code done}, then {@code end}. */
    record End() implements AgentEvent {
    }
}
