package dev.workbench.agent.llm;

import com.fasterxml.jackson.databind.JsonNode;

/** A tool as the model is told about it: name, description and JSON schema of its arguments. */
public record ToolSpec(String name, String description, JsonNode parameters) {
}
