package dev.workbench.agent.llm;

/** What a provider's stream yields, once its wire format is decoded. */
public sealed interface LlmEvent {

    record TextDelta(String text) implements LlmEvent {
    }

    record ReasoningDelta(String text) implements LlmEvent {
    }

    /** A whole reasoning block, at its end, for replay in the next request. */
    record ReasoningBlock(ChatMessage.Reasoning reasoning) implements LlmEvent {
    }

    /** A tool call whose arguments have all arrived. */
    record ToolCallReady(ToolCall call) implements LlmEvent {
    }

    /** Token counts reported by the provider; several may arrive, each adds. */
    record Usage(long inputTokens, long outputTokens) implements LlmEvent {
    }
}
