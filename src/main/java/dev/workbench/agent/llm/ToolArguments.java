package dev.workbench.agent.llm;

import dev.workbench.common.Failure;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Parses the arguments of a tool call once all their streamed fragments have arrived. */
final class ToolArguments {

    private ToolArguments() {
    }

    /** The arguments as JSON; none at all means an empty object, as both providers intend it. */
    static JsonNode parse(ObjectMapper json, CharSequence text, String provider) {
        if (text.isEmpty()) {
            return json.createObjectNode();
        }
        try {
            return json.readTree(text.toString());
        } catch (Exception e) {
            throw new Failure.UpstreamFailed(provider + " sent tool arguments that are not JSON");
        }
    }
}
