package dev.workbench.support;

import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiConsumer;

/**
 * A tool service on loopback for tests: a real HTTP server that records every request it receives
 * and answers as told. By default {@code /health} is 200 and anything else echoes the request.
 */
public final class FakeToolService {

    /** One request as the service received it. */
    public record Received(String method, String uri, MultiMap headers, String body) {
    }

    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final HttpServer server;
    private volatile BiConsumer<HttpServerRequest, Buffer> behaviour;

    private FakeToolService(Vertx vertx) {
        reset();
        this.server = vertx.createHttpServer().requestHandler(request -> request.body().onSuccess(body -> {
            received.add(new Received(request.method().name(), request.uri(), MultiMap.caseInsensitiveMultiMap()
                    .addAll(request.headers()), body.toString()));
            behaviour.accept(request, body);
        }));
        server.listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().join();
    }

    public static FakeToolService start(Vertx vertx) {
        return new FakeToolService(vertx);
    }

    public String url() {
        return "http://127.0.0.1:" + server.actualPort();
    }

    public List<Received> received() {
        return List.copyOf(received);
    }

    /** Forgets what was received and goes back to the default answers. */
    public void reset() {
        received.clear();
        behaviour = FakeToolService::echo;
    }

    public void answer(int status, String contentType, String body) {
        behaviour = (request, ignored) -> request.response().setStatusCode(status)
                .putHeader("Content-Type", contentType).end(body);
    }

    /** Receives requests and never answers them. */
    public void hang() {
        behaviour = (request, body) -> { };
    }

    public void answerWith(BiConsumer<HttpServerRequest, Buffer> handler) {
        behaviour = handler;
    }

    private static void echo(HttpServerRequest request, Buffer body) {
        if (request.path().equals("/health")) {
            request.response().putHeader("Content-Type", "application/json").end("{\"status\":\"ok\"}");
            return;
        }
        JsonObject echo = new JsonObject()
                .put("method", request.method().name())
                .put("uri", request.uri())
                .put("body", body.toString());
        request.response().putHeader("Content-Type", "application/json").end(echo.encode());
    }
}
