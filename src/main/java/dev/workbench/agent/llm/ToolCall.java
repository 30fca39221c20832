package dev.workbench.agent.llm;

import com.fasterxml.jackson.databind.JsonNode;

/** A tool call the model made, its arguments assembled from the streamed fragments. */
public record ToolCall(String id, String name, JsonNode arguments) {
}
