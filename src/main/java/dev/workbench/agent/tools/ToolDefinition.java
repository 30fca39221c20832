package dev.workbench.agent.tools;

import com.fasterxml.jackson.databind.JsonNode;
import dev.workbench.agent.llm.ToolSpec;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * A tool over a tool service, declared as data in {@code agent-tools.json}: GET tools send their
 * arguments as query parameters, POST tools as a JSON body, always to {@code {service}/{path}}.
 */
@RegisterForReflection
public record ToolDefinition(String name, String description, String service, String method, String path,
        JsonNode parameters) {

    public ToolSpec spec() {
        return new ToolSpec(name, description, parameters);
    }
}
