package dev.workbench.support;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A language-model provider on loopback that speaks the Anthropic Messages and OpenAI Chat
 * Completions streaming formats chunk by chunk, paced as told. Each request takes the next
 * scripted reply. It records what it received and which connections were closed under it.
 */
public final class FakeLlm {

    /** One request as the provider received it. */
    public record Received(String path, io.vertx.core.MultiMap headers, JsonObject body) {
    }

    /** How the provider answers one request. */
    public interface Reply {
        void send(HttpServerRequest request, Vertx vertx);
    }

    private final Vertx vertx;
    private final HttpServer server;
    private final Queue<Reply> replies = new ConcurrentLinkedQueue<>();
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final AtomicInteger closedEarly = new AtomicInteger();
    private final AtomicInteger tagsRequests = new AtomicInteger();

    public FakeLlm(Vertx vertx) {
        this.vertx = vertx;
        this.server = vertx.createHttpServer().requestHandler(this::handle);
        server.listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().join();
    }

    public String url() {
        return "http://127.0.0.1:" + server.actualPort();
    }

    public void reset() {
        replies.clear();
        received.clear();
        closedEarly.set(0);
        tagsRequests.set(0);
    }

    public void script(Reply... next) {
        replies.addAll(List.of(next));
    }

    public List<Received> received() {
        return List.copyOf(received);
    }

    /** Responses whose connection closed before the provider ended them. */
    public int closedEarly() {
        return closedEarly.get();
    }

    public int tagsRequests() {
        return tagsRequests.get();
    }

    private void handle(HttpServerRequest request) {
        if (request.path().equals("/api/tags")) {
            tagsRequests.incrementAndGet();
            request.response().putHeader("Content-Type", "application/json").end("{\"models\":[{\"name\":\"llama3.2\"}]}");
            return;
        }
        request.body().onSuccess(body -> {
            received.add(new Received(request.path(), io.vertx.core.MultiMap.caseInsensitiveMultiMap().addAll(request.headers()),
                    body.length() == 0 ? new JsonObject() : body.toJsonObject()));
            HttpServerResponse response = request.response();
            response.closeHandler(v -> {
                if (!response.ended()) {
                    closedEarly.incrementAndGet();
                }
            });
            Reply reply = replies.poll();
            if (reply == null) {
                response.setStatusCode(500).end("{\"error\":{\"message\":\"no scripted reply\"}}");
                return;
            }
            reply.send(request, vertx);
        });
    }

    // ----- replies -----

    /** Server-sent events, {@code delayMs} apart; then the stream ends. */
    public static Reply events(long delayMs, List<String> frames) {
        return (request, vertx) -> {
            HttpServerResponse response = request.response().setChunked(true)
                    .putHeader("Content-Type", "text/event-stream").putHeader("Cache-Control", "no-cache");
            write(vertx, response, frames, 0, delayMs, true);
        };
    }

    /** Some frames, then the connection is cut mid-stream. */
    public static Reply dropAfter(List<String> frames) {
        return (request, vertx) -> {
            HttpServerResponse response = request.response().setChunked(true).putHeader("Content-Type", "text/event-stream");
            frames.forEach(response::write);
            vertx.setTimer(50, id -> request.connection().close());
        };
    }

    /** Some frames, then nothing more: the stream stays open until the client goes. */
    public static Reply hangAfter(List<String> frames) {
        return (request, vertx) -> {
            HttpServerResponse response = request.response().setChunked(true).putHeader("Content-Type", "text/event-stream");
            frames.forEach(response::write);
        };
    }

    public static Reply error(int status, String body) {
        return (request, vertx) -> request.response().setStatusCode(status)
                .putHeader("Content-Type", "application/json").end(body);
    }

    private static void write(Vertx vertx, HttpServerResponse response, List<String> frames, int i, long delayMs, boolean end) {
        if (response.closed()) {
            return;
        }
        if (i == frames.size()) {
            if (end) {
                response.end();
            }
            return;
        }
        response.write(frames.get(i));
        if (delayMs <= 0) {
            write(vertx, response, frames, i + 1, delayMs, end);
        } else {
            vertx.setTimer(delayMs, id -> write(vertx, response, frames, i + 1, delayMs, end));
        }
    }

    // ----- Anthropic Messages stream -----

    /** Builds an Anthropic Messages stream event by event. */
    public static final class Anthropic {
        private final List<String> frames = new ArrayList<>();
        private int index;

        public Anthropic() {
            frame("message_start", new JsonObject().put("type", "message_start").put("message", new JsonObject()
                    .put("id", "msg_1").put("type", "message").put("role", "assistant").put("content", new JsonArray())
                    .put("model", "claude-test").put("usage", new JsonObject().put("input_tokens", 25).put("output_tokens", 1))));
            frame("ping", new JsonObject().put("type", "ping"));
        }

        public Anthropic text(String... deltas) {
            frame("content_block_start", new JsonObject().put("type", "content_block_start").put("index", index)
                    .put("content_block", new JsonObject().put("type", "text").put("text", "")));
            for (String delta : deltas) {
                frame("content_block_delta", new JsonObject().put("type", "content_block_delta").put("index", index)
                        .put("delta", new JsonObject().put("type", "text_delta").put("text", delta)));
            }
            return stop();
        }

        public Anthropic thinking(String signature, String... deltas) {
            frame("content_block_start", new JsonObject().put("type", "content_block_start").put("index", index)
                    .put("content_block", new JsonObject().put("type", "thinking").put("thinking", "")));
            for (String delta : deltas) {
                frame("content_block_delta", new JsonObject().put("type", "content_block_delta").put("index", index)
                        .put("delta", new JsonObject().put("type", "thinking_delta").put("thinking", delta)));
            }
            frame("content_block_delta", new JsonObject().put("type", "content_block_delta").put("index", index)
                    .put("delta", new JsonObject().put("type", "signature_delta").put("signature", signature)));
            return stop();
        }

        public Anthropic toolUse(String id, String name, String... jsonFragments) {
            frame("content_block_start", new JsonObject().put("type", "content_block_start").put("index", index)
                    .put("content_block", new JsonObject().put("type", "tool_use").put("id", id).put("name", name)
                            .put("input", new JsonObject())));
            for (String fragment : jsonFragments) {
                frame("content_block_delta", new JsonObject().put("type", "content_block_delta").put("index", index)
                        .put("delta", new JsonObject().put("type", "input_json_delta").put("partial_json", fragment)));
            }
            return stop();
        }

        public List<String> end(String stopReason) {
            frame("message_delta", new JsonObject().put("type", "message_delta")
                    .put("delta", new JsonObject().put("stop_reason", stopReason))
                    .put("usage", new JsonObject().put("output_tokens", 12)));
            frame("message_stop", new JsonObject().put("type", "message_stop"));
            return List.copyOf(frames);
        }

        /** The frames so far, without the end of the message. */
        public List<String> unfinished() {
            return List.copyOf(frames);
        }

        private Anthropic stop() {
            frame("content_block_stop", new JsonObject().put("type", "content_block_stop").put("index", index));
            index++;
            return this;
        }

        private void frame(String event, JsonObject data) {
            frames.add("event: " + event + "\ndata: " + data.encode() + "\n\n");
        }
    }

    // ----- OpenAI Chat Completions stream -----

    /** Builds an OpenAI Chat Completions stream chunk by chunk. */
    public static final class OpenAi {
        private final List<String> frames = new ArrayList<>();

        public OpenAi() {
            chunk(new JsonObject().put("role", "assistant").put("content", ""), null);
        }

        public OpenAi text(String... deltas) {
            for (String delta : deltas) {
                chunk(new JsonObject().put("content", delta), null);
            }
            return this;
        }

        public OpenAi reasoning(String... deltas) {
            for (String delta : deltas) {
                chunk(new JsonObject().put("reasoning_content", delta), null);
            }
            return this;
        }

        /** A tool call whose arguments arrive in fragments, the first carrying id and name. */
        public OpenAi toolCall(int index, String id, String name, String... argumentFragments) {
            chunk(new JsonObject().put("tool_calls", new JsonArray().add(new JsonObject().put("index", index).put("id", id)
                    .put("type", "function").put("function", new JsonObject().put("name", name).put("arguments", "")))), null);
            for (String fragment : argumentFragments) {
                chunk(new JsonObject().put("tool_calls", new JsonArray().add(new JsonObject().put("index", index)
                        .put("function", new JsonObject().put("arguments", fragment)))), null);
            }
            return this;
        }

        public List<String> end(String finishReason) {
            chunk(new JsonObject(), finishReason);
            frames.add("data: " + new JsonObject().put("id", "chatcmpl-1").put("object", "chat.completion.chunk")
                    .put("choices", new JsonArray())
                    .put("usage", new JsonObject().put("prompt_tokens", 30).put("completion_tokens", 7)).encode() + "\n\n");
            frames.add("data: [DONE]\n\n");
            return List.copyOf(frames);
        }

        public List<String> unfinished() {
            return List.copyOf(frames);
        }

        private void chunk(JsonObject delta, String finishReason) {
            JsonObject choice = new JsonObject().put("index", 0).put("delta", delta).put("finish_reason", finishReason);
            frames.add("data: " + new JsonObject().put("id", "chatcmpl-1").put("object", "chat.completion.chunk")
                    .put("model", "gpt-test").put("choices", new JsonArray().add(choice)).encode() + "\n\n");
        }
    }
}
