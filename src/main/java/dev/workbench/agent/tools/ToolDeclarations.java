package dev.workbench.agent.tools;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.List;

/**
 * What {@code agent-tools.json} declares: the tools, and the one tool each delegate of an agent
 * becomes ({@code ask_<agent>}; {@code {agent}} in its description is the delegate's name).
 */
@RegisterForReflection
public record ToolDeclarations(List<ToolDefinition> tools, Delegate delegate) {

    @RegisterForReflection
    public record Delegate(String description, JsonNode parameters) {
    }
}
