package dev.workbench.agent.llm;

import java.util.List;

/** One turn of a conversation, independent of the provider's wire format. */
public sealed interface ChatMessage {

    record User(String text) implements ChatMessage {
    }

    /** What the model said: its reasoning (replayed to providers that require it), text and tool calls. */
    record Assistant(List<Reasoning> reasoning, String text, List<ToolCall> toolCalls) implements ChatMessage {
    }

    /** The outcome of one tool call, sent back to the model. */
    record ToolResult(String toolCallId, String toolName, String content, boolean isError) implements ChatMessage {
    }

    /** A reasoning block as the provider streamed it, with the signature Anthropic asks to get back. */
    record Reasoning(String text, String signature) {
    }
}
