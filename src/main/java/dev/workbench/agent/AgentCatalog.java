package dev.workbench.agent;

import dev.workbench.agent.tools.ToolCatalog;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The agents of the configuration, checked at startup: known tools and delegates. */
@ApplicationScoped
public class AgentCatalog {

    /** The agent an unknown name falls back to, as the original did. */
    public static final String DEFAULT_AGENT = "orchestrator";

    /** An agent looked up by name, and whether the name was unknown so the default stood in. */
    public record Lookup(Agent agent, boolean fellBack) {
    }

    private final Map<String, Agent> agents = new LinkedHashMap<>();

    AgentCatalog(AgentCatalogConfig config, ToolCatalog tools) {
        config.all().forEach((name, spec) -> {
            List<String> toolNames = spec.tools().orElse(List.of()).stream()
                    .filter(tool -> tools.find(tool).isPresent())
                    .toList();
            List<Agent.ModelRef> fallbacks = spec.fallbacks().orElse(List.of()).stream()
                    .map(text -> Agent.ModelRef.parse("workbench.agents." + name + ".fallbacks", text)).toList();
            agents.put(name, new Agent(name, spec.provider(), spec.model(), spec.systemPrompt(), toolNames,
                    spec.delegates().orElse(List.of()), spec.maxTokens(), spec.thinkingBudget(), fallbacks));
        });
        agents.values().forEach(agent -> agent.delegates().forEach(delegate -> {
            if (!agents.containsKey(delegate) || delegate.equals(agent.name())) {
                throw new IllegalStateException("Agent " + agent.name() + " delegates to unknown agent " + delegate);
            }
        }));
        if (!agents.containsKey(DEFAULT_AGENT)) {
            throw new IllegalStateException("The agent catalogue needs an " + DEFAULT_AGENT + " agent");
        }
    }

    public Lookup lookup(String name) {
        Agent agent = name == null ? null : agents.get(name);
        return agent != null ? new Lookup(agent, false) : new Lookup(agents.get(DEFAULT_AGENT), name != null);
    }

    public java.util.Optional<Agent> find(String name) {
        return java.util.Optional.ofNullable(agents.get(name));
    }
}
