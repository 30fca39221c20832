package dev.workbench.agent;

import java.util.List;
import java.util.Optional;

/** A configured agent: its model, prompt, tools and the agents it may delegate to. */
public record Agent(String name, dev.workbench.agent.llm.ProviderKind provider, String model, String systemPrompt, List<String> tools,
        List<String> delegates, int maxTokens, Optional<Integer> thinkingBudget) {

    static final String DELEGATE_PREFIX = "ask_";

    /** Every tool name the model is offered: service tools, then one {@code ask_<agent>} per delegate. */
    public List<String> allToolNames() {
        return java.util.stream.Stream.concat(tools.stream(), delegates.stream().map(d -> DELEGATE_PREFIX + d)).toList();
    }
}
