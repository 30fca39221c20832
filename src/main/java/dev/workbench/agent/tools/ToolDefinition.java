package dev.workbench.agent.tools;

import com.fasterxml.jackson.databind.JsonNode;
import dev.workbench.agent.llm.ToolSpec;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * A tool, declared as data in {@code agent-tools.json}. A tool over a tool service names its
 * {@code service}, {@code method} and {@code path}: GET tools send their arguments as query
 * parameters, POST tools as a JSON body, always to {@code {service}/{path}}. A tool over this
 * backend itself names instead its {@code internal} kind ({@code command}, {@code deploy},
 * {@code health}; see {@link WorkbenchTools}).
 */
@RegisterForReflection
public record ToolDefinition(String name, String description, String service, String method, String path,
        JsonNode parameters, InternalTool internal) {

    public ToolSpec spec() {
        return new ToolSpec(name, description, parameters);
    }
}
