package dev.workbench.agent.llm;

import dev.workbench.common.Failure;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smallrye.mutiny.Multi;
import java.util.ArrayList;
import java.time.Duration;
import java.util.List;
import java.util.TreeMap;

/** Any OpenAI-compatible Chat Completions server with {@code stream: true}. */
final class OpenAiProvider implements LlmProvider {

    private final OpenAiRestClient client;
    private final String authorization;
    private final String label;
    private final ObjectMapper json;
    private final Duration idle;

    OpenAiProvider(OpenAiRestClient client, String apiKey, String label, ObjectMapper json, Duration idle) {
        this.client = client;
        this.authorization = apiKey == null ? null : "Bearer " + apiKey;
        this.label = label;
        this.json = json;
        this.idle = idle;
    }

    @Override
    public ProviderKind kind() {
        return ProviderKind.OPENAI;
    }

    @Override
    public Multi<LlmEvent> stream(ChatRequest request) {
        return Multi.createFrom().deferred(() -> {
            Decoder decoder = new Decoder();
            return client.chatCompletions(authorization, body(request))
                    // LLM_TIMEOUT bounds every gap between two chunks, not only the wait for the first.
                    .ifNoItem().after(idle).failWith(() -> ProviderErrors.silent(label, idle))
                    .onItem().transformToIterable(decoder::decode)
                    // A body that ends without [DONE] was cut: what came is not the answer.
                    .onCompletion().switchTo(() -> decoder.done
                            ? Multi.createFrom().iterable(decoder.flushToolCalls())
                            : Multi.createFrom().failure(ProviderErrors.endedEarly(label, "[DONE]")))
                    .onFailure().transform(failure -> ProviderErrors.translate(label, failure));
        });
    }

    ObjectNode body(ChatRequest request) {
        ObjectNode body = json.createObjectNode()
                .put("model", request.model())
                .put("max_tokens", request.maxTokens())
                .put("stream", true);
        body.putObject("stream_options").put("include_usage", true);
        ArrayNode messages = body.putArray("messages");
        if (!request.system().isEmpty()) {
            messages.addObject().put("role", "system").put("content", request.system());
        }
        for (ChatMessage message : request.messages()) {
            switch (message) {
                case ChatMessage.User user -> messages.addObject().put("role", "user").put("content", user.text());
                case ChatMessage.Assistant assistant -> {
                    ObjectNode turn = messages.addObject().put("role", "assistant");
                    if (assistant.text().isEmpty()) {
                        turn.putNull("content");
                    } else {
                        turn.put("content", assistant.text());
                    }
                    if (!assistant.toolCalls().isEmpty()) {
                        ArrayNode calls = turn.putArray("tool_calls");
                        assistant.toolCalls().forEach(call -> calls.addObject().put("id", call.id()).put("type", "function")
                                .putObject("function").put("name", call.name()).put("arguments", call.arguments().toString()));
                    }
                }
                case ChatMessage.ToolResult result -> messages.addObject().put("role", "tool")
                        .put("tool_call_id", result.toolCallId())
                        .put("content", result.isError() ? "ERROR: " + result.content() : result.content());
            }
        }
        if (!request.tools().isEmpty()) {
            ArrayNode tools = body.putArray("tools");
            request.tools().forEach(tool -> tools.addObject().put("type", "function").putObject("function")
                    .put("name", tool.name())
                    .put("description", tool.description())
                    .set("parameters", tool.parameters()));
        }
        return body;
    }

    /** The state of one stream: tool calls by index, their arguments arriving in fragments. */
    private final class Decoder {

        private final TreeMap<Integer, PartialCall> calls = new TreeMap<>();
        private boolean done;

        List<LlmEvent> decode(String data) {
            if (data.trim().equals("[DONE]")) {
                done = true;
                return List.of();
            }
            if (data.isBlank()) {
                return List.of();
            }
            JsonNode chunk;
            try {
                chunk = json.readTree(data);
            } catch (Exception e) {
                throw new Failure.UpstreamFailed(label + " sent a malformed chunk");
            }
            if (chunk.has("error")) {
                throw new Failure.UpstreamFailed(label + " stream error: " + ProviderErrors.messageOf(chunk.toString()));
            }
            List<LlmEvent> out = new ArrayList<>(1);
            JsonNode choice = chunk.path("choices").path(0);
            JsonNode delta = choice.path("delta");
            textOf(delta, "reasoning_content", "reasoning").ifPresent(r -> out.add(new LlmEvent.ReasoningDelta(r)));
            textOf(delta, "content").ifPresent(t -> out.add(new LlmEvent.TextDelta(t)));
            for (JsonNode fragment : delta.path("tool_calls")) {
                PartialCall call = calls.computeIfAbsent(fragment.path("index").asInt(calls.size()), i -> new PartialCall());
                if (fragment.hasNonNull("id")) {
                    call.id = fragment.get("id").asText();
                }
                JsonNode function = fragment.path("function");
                if (function.hasNonNull("name")) {
                    call.name = function.get("name").asText();
                }
                if (function.hasNonNull("arguments")) {
                    call.arguments.append(function.get("arguments").asText());
                }
            }
            if (choice.hasNonNull("finish_reason")) {
                out.addAll(flushToolCalls());
            }
            JsonNode usage = chunk.path("usage");
            if (usage.isObject()) {
                out.add(new LlmEvent.Usage(usage.path("prompt_tokens").asLong(), usage.path("completion_tokens").asLong()));
            }
            return out;
        }

        List<LlmEvent> flushToolCalls() {
            List<LlmEvent> ready = new ArrayList<>();
            calls.forEach((index, call) -> ready.add(new LlmEvent.ToolCallReady(new ToolCall(
                    call.id != null ? call.id : "call_" + index, call.name, ToolArguments.parse(json, call.arguments, label)))));
            calls.clear();
            return ready;
        }


        private java.util.Optional<String> textOf(JsonNode delta, String... fields) {
            for (String field : fields) {
                JsonNode value = delta.get(field);
                if (value != null && value.isTextual() && !value.asText().isEmpty()) {
                    return java.util.Optional.of(value.asText());
                }
            }
            return java.util.Optional.empty();
        }
    }

    private static final class PartialCall {
        String id;
        String name;
        final StringBuilder arguments = new StringBuilder();
    }
}
