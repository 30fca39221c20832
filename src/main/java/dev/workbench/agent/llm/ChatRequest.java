package dev.workbench.agent.llm;

import java.util.List;
import java.util.Optional;

/** One model call: the system prompt, the conversation so far and the tools on offer. */
public record ChatRequest(String model, String system, List<ChatMessage> messages, List<ToolSpec> tools,
        int maxTokens, Optional<Integer> thinkingBudget) {
}
