package dev.workbench.agent.llm;

import dev.workbench.common.Failure;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smallrye.mutiny.Multi;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Claude over the Anthropic Messages API with {@code stream: true}. */
final class AnthropicProvider implements LlmProvider {

    static final String VERSION = "2023-06-01";

    private final AnthropicRestClient client;
    private final String apiKey;
    private final ObjectMapper json;
    private final java.time.Duration idle;

    AnthropicProvider(AnthropicRestClient client, String apiKey, ObjectMapper json, java.time.Duration idle) {
        this.idle = idle;
        this.client = client;
        this.apiKey = apiKey;
        this.json = json;
    }

    @Override
    public ProviderKind kind() {
        return ProviderKind.ANTHROPIC;
    }

    @Override
    public Multi<LlmEvent> stream(ChatRequest request) {
        return Multi.createFrom().deferred(() -> {
            Decoder decoder = new Decoder();
            return client.messages(apiKey, VERSION, body(request))
                    // LLM_TIMEOUT bounds every gap between two events (Anthropic pings while it thinks).
                    .ifNoItem().after(idle).failWith(() -> ProviderErrors.silent("Anthropic", idle))
                    .onItem().transformToIterable(decoder::decode)
                    // A body that ends without message_stop was cut: what came is not the answer.
                    .onCompletion().switchTo(() -> decoder.stopped
                            ? Multi.createFrom().empty()
                            : Multi.createFrom().failure(ProviderErrors.endedEarly("Anthropic", "message_stop")))
                    .onFailure().transform(failure -> ProviderErrors.translate("Anthropic", failure));
        });
    }

    ObjectNode body(ChatRequest request) {
        ObjectNode body = json.createObjectNode()
                .put("model", request.model())
                .put("max_tokens", request.maxTokens())
                .put("stream", true);
        if (!request.system().isEmpty()) {
            body.put("system", request.system());
        }
        request.thinkingBudget().ifPresent(budget -> body.putObject("thinking")
                .put("type", "enabled").put("budget_tokens", budget));
        ArrayNode messages = body.putArray("messages");
        String lastRole = null;
        ArrayNode content = null;
        for (ChatMessage message : request.messages()) {
            String role = message instanceof ChatMessage.Assistant ? "assistant" : "user";
            if (!role.equals(lastRole)) {
                // Consecutive turns of one role become one message, as the API expects alternation.
                content = messages.addObject().put("role", role).putArray("content");
                lastRole = role;
            }
            appendContent(content, message);
        }
        if (!request.tools().isEmpty()) {
            ArrayNode tools = body.putArray("tools");
            request.tools().forEach(tool -> tools.addObject()
                    .put("name", tool.name())
                    .put("description", tool.description())
                    .set("input_schema", tool.parameters()));
        }
        return body;
    }

    private void appendContent(ArrayNode content, ChatMessage message) {
        switch (message) {
            case ChatMessage.User user -> content.addObject().put("type", "text").put("text", nonEmpty(user.text()));
            case ChatMessage.Assistant assistant -> {
                assistant.reasoning().forEach(r -> content.addObject().put("type", "thinking")
                        .put("thinking", r.text()).put("signature", r.signature()));
                if (!assistant.text().isEmpty()) {
                    content.addObject().put("type", "text").put("text", assistant.text());
                }
                assistant.toolCalls().forEach(call -> content.addObject().put("type", "tool_use")
                        .put("id", call.id()).put("name", call.name()).set("input", call.arguments()));
                if (content.isEmpty()) {
                    content.addObject().put("type", "text").put("text", "(no answer)");
                }
            }
            case ChatMessage.ToolResult result -> content.addObject().put("type", "tool_result")
                    .put("tool_use_id", result.toolCallId())
                    .put("content", nonEmpty(result.content()))
                    .put("is_error", result.isError());
        }
    }

    private static String nonEmpty(String text) {
        return text == null || text.isEmpty() ? "(empty)" : text;
    }

    /** The state of one stream: content blocks by index until each stops. */
    private final class Decoder {

        private final Map<Integer, Block> blocks = new HashMap<>();
        private boolean stopped;
        /** Tokens already reported: message_delta's usage is cumulative for the message, not an increment. */
        private long inputCounted;
        private long outputCounted;

        /** The usage of {@code counts} beyond what was reported already. */
        private LlmEvent.Usage usageSoFar(JsonNode counts) {
            long input = Math.max(inputCounted, counts.path("input_tokens").asLong(inputCounted));
            long output = Math.max(outputCounted, counts.path("output_tokens").asLong(outputCounted));
            LlmEvent.Usage more = new LlmEvent.Usage(input - inputCounted, output - outputCounted);
            inputCounted = input;
            outputCounted = output;
            return more;
        }

        List<LlmEvent> decode(String data) {
            JsonNode event;
            try {
                event = json.readTree(data);
            } catch (Exception e) {
                throw new Failure.UpstreamFailed("Anthropic sent a malformed chunk");
            }
            List<LlmEvent> out = new ArrayList<>(1);
            int index = event.path("index").asInt(-1);
            if ("message_stop".equals(event.path("type").asText())) {
                stopped = true;
            }
            switch (event.path("type").asText()) {
                case "message_start" -> out.add(usageSoFar(event.path("message").path("usage")));
                case "content_block_start" -> {
                    JsonNode start = event.path("content_block");
                    blocks.put(index, new Block(start.path("type").asText(), start.path("id").asText(null),
                            start.path("name").asText(null)));
                }
                case "content_block_delta" -> {
                    JsonNode delta = event.path("delta");
                    Block block = blocks.computeIfAbsent(index, i -> new Block("text", null, null));
                    switch (delta.path("type").asText()) {
                        case "text_delta" -> out.add(new LlmEvent.TextDelta(delta.path("text").asText()));
                        case "thinking_delta" -> {
                            block.text.append(delta.path("thinking").asText());
                            out.add(new LlmEvent.ReasoningDelta(delta.path("thinking").asText()));
                        }
                        case "signature_delta" -> block.signature = delta.path("signature").asText();
                        case "input_json_delta" -> block.text.append(delta.path("partial_json").asText());
                        default -> {
                            // other deltas (citations) carry nothing the dashboard shows
                        }
                    }
                }
                case "content_block_stop" -> {
                    Block block = blocks.remove(index);
                    if (block != null && block.type.equals("tool_use")) {
                        out.add(new LlmEvent.ToolCallReady(new ToolCall(block.id, block.name, ToolArguments.parse(json, block.text, "Anthropic"))));
                    } else if (block != null && block.type.equals("thinking")) {
                        out.add(new LlmEvent.ReasoningBlock(new ChatMessage.Reasoning(block.text.toString(), block.signature)));
                    }
                }
                case "message_delta" -> out.add(usageSoFar(event.path("usage")));
                case "error" -> throw new Failure.UpstreamFailed("Anthropic stream error: "
                        + event.path("error").path("message").asText("unknown error"));
                default -> {
                    // ping, message_stop
                }
            }
            return out;
        }

    }

    private static final class Block {
        final String type;
        final String id;
        final String name;
        final StringBuilder text = new StringBuilder();
        String signature;

        Block(String type, String id, String name) {
            this.type = type;
            this.id = id;
            this.name = name;
        }
    }
}
