package dev.workbench.agent;

import java.util.List;
import java.util.Optional;

/** A configured agent: its model, prompt, tools and the agents it may delegate to. */
public record Agent(String name, dev.workbench.agent.llm.ProviderKind provider, String model, String systemPrompt, List<String> tools,
        List<String> delegates, int maxTokens, Optional<Integer> thinkingBudget, List<ModelRef> fallbacks) {

    /** A model of a provider: {@code anthropic}, {@code openai} or {@code ollama}. */
    public record ModelRef(String provider, String model) {

        static final java.util.Set<String> PROVIDERS = java.util.Set.of("anthropic", "openai", "ollama");

        /** {@code provider:model}, or an exception naming {@code setting} and what is wrong. */
        static ModelRef parse(String setting, String text) {
            int colon = text.indexOf(':');
            String provider = colon < 0 ? "" : text.substring(0, colon).trim();
            String model = colon < 0 ? "" : text.substring(colon + 1).trim();
            if (!PROVIDERS.contains(provider) || model.isEmpty()) {
                throw new IllegalArgumentException(setting + ": '" + text
                        + "' is not provider:model with the provider anthropic, openai or ollama");
            }
            return new ModelRef(provider, model);
        }
    }

    static final String DELEGATE_PREFIX = "ask_";

    /** Every tool name the model is offered: service tools, then one {@code ask_<agent>} per delegate. */
    public List<String> allToolNames() {
        return java.util.stream.Stream.concat(tools.stream(), delegates.stream().map(d -> DELEGATE_PREFIX + d)).toList();
    }
}
