package dev.workbench.agent;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithParentName;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The agent catalogue ({@code workbench.agents.<name>.*}): the five agents the dashboard offers. */
@ConfigMapping(prefix = "workbench.agents")
public interface AgentCatalogConfig {

    @WithParentName
    Map<String, Spec> all();

    /** One agent. */
    interface Spec {

        /** {@code anthropic} (Messages API) or {@code openai} (any OpenAI-compatible Chat Completions API). */
        dev.workbench.agent.llm.ProviderKind provider();

        /** The model; each agent's is overridable by {@code <AGENT>_MODEL}, e.g. {@code ORCHESTRATOR_MODEL}. */
        String model();

        /** What the agent is told it is. */
        String systemPrompt();

        /** Names of the tools of {@code agent-tools.json} it may call. */
        Optional<List<String>> tools();

        /** Agents it may hand tasks to, as tools named {@code ask_<agent>}. */
        Optional<List<String>> delegates();

        /** Most tokens one model call may produce. */
        @WithDefault("4096")
        int maxTokens();

        /**
         * Models that take over, in order, when a call fails before sending anything (rate limit,
         * timeout, 5xx, lost connection): {@code provider:model}, the provider {@code anthropic},
         * {@code openai} or {@code ollama}.
         */
        Optional<List<String>> fallbacks();

        /** Tokens of extended thinking, for Anthropic models that support it; unset means none. */
        Optional<Integer> thinkingBudget();
    }
}
