package dev.workbench.common;

import static org.assertj.core.api.Assertions.assertThat;

import dev.workbench.support.FakeLlm;
import dev.workbench.support.RawHttp;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * SIGTERM to the packaged application, as Fly sends it on every auto-stop, with 50 requests in
 * flight (44 agent streams, more than the 20, 5 streamed commands and 1 JSON command) and a
 * dashboard's {@code /ws} open (another came and went) and a proxied JSON request that takes 1.5 s: every stream gets {@code server is shutting
 * down} and {@code end}, the JSON command 503, every command is audited as {@code cancelled} and
 * leaves no process, the slow request finishes with 200, the dashboard is told 1001 going away,
 * and the process exits in seconds, not
 * after the whole {@code SHUTDOWN_GRACE}.
 */
class GracefulShutdownIT {

    private static final String SLEEP = "319";
    private static final int AGENTS = 44;
    private static final int COMMANDS = 5;

    @Test
    void sigtermEndsEveryStreamCancelsEveryCommandAndExitsInTime() throws Exception {
        Vertx vertx = Vertx.vertx();
        // A tool service that takes 1.5 s: a JSON request to it can finish within the grace period.
        CompletableFuture<Void> slowAsked = new CompletableFuture<>();
        io.vertx.core.http.HttpServer slowService = vertx.createHttpServer().requestHandler(request -> {
            slowAsked.complete(null);
            vertx.setTimer(1500, id -> request.response().putHeader("Content-Type", "application/json").end("{\"slow\":\"done\"}"));
        });
        slowService.listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
        FakeLlm llm = new FakeLlm(vertx);
        Path root = Files.createTempDirectory("workbench-shutdown");
        Path repo = Files.createDirectories(root.resolve("repo"));
        Path audit = root.resolve("audit.jsonl");
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        for (int i = 0; i < AGENTS; i++) {
            llm.script(FakeLlm.hangAfter(new FakeLlm.Anthropic().text("tok").unfinished()));
        }
        ProcessBuilder builder = new ProcessBuilder(dev.workbench.support.AppProcess.command()).redirectErrorStream(true)
                .redirectOutput(root.resolve("app.log").toFile());
        builder.environment().put("PORT", Integer.toString(port));
        builder.environment().put("ANTHROPIC_API_KEY", "sk-ant-test-key-for-shutdown");
        builder.environment().put("ANTHROPIC_BASE_URL", llm.url());
        builder.environment().put("AUDIT_LOG", audit.toString());
        builder.environment().put("DATA_DIR", root.resolve("data").toString());
        builder.environment().put("COMMAND_MAX_CONCURRENT", "10");
        builder.environment().put("MEMORY_URL", "http://127.0.0.1:" + slowService.actualPort());
        builder.environment().put("PROXY_TIMEOUT", "10s");
        builder.environment().put("AGENT_KEEPALIVE", "60s");
        builder.environment().put("AGENT_MAX_CONCURRENT_RUNS", Integer.toString(AGENTS));
        builder.environment().put("WORKBENCH_REPOSITORIES_API_PATH", repo.toString());
        builder.environment().put("WORKBENCH_REPOSITORIES_API_COMMANDS_BACKUP", "sh -c \"echo started; sleep " + SLEEP + "\"");
        Process app = builder.start();
        List<Socket> sockets = new ArrayList<>();
        try {
            waitUntilUp(port);
            String token = token(port);
            List<Socket> agents = new ArrayList<>();
            for (int i = 0; i < AGENTS; i++) {
                Socket socket = post(port, token, "/agent/execute", "{\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}", true);
                RawHttp.readUntil(socket, "{\"token\":\"tok\"}");
                agents.add(socket);
            }
            List<Socket> commands = new ArrayList<>();
            for (int i = 0; i < COMMANDS; i++) {
                Socket socket = post(port, token, "/command", "{\"command\":\"backup\",\"service\":\"api\"}", true);
                RawHttp.readUntil(socket, "{\"line\":\"started\"}");
                commands.add(socket);
            }
            // A dashboard keeps /ws open; another tab came and went.
            HttpClient wsClient = HttpClient.newHttpClient();
            java.net.http.WebSocket.Listener quiet = new java.net.http.WebSocket.Listener() {
            };
            CompletableFuture<String> goingAway = new CompletableFuture<>();
            java.net.http.WebSocket.Listener watching = new java.net.http.WebSocket.Listener() {
                @Override
                public java.util.concurrent.CompletionStage<?> onClose(java.net.http.WebSocket webSocket, int statusCode, String reason) {
                    goingAway.complete(statusCode + " " + reason);
                    return null;
                }
            };
            wsClient.newWebSocketBuilder().buildAsync(URI.create("ws://127.0.0.1:" + port + "/ws"), quiet).get(5, TimeUnit.SECONDS)
                    .sendClose(java.net.http.WebSocket.NORMAL_CLOSURE, "bye").get(5, TimeUnit.SECONDS);
            java.net.http.WebSocket dashboard = wsClient.newWebSocketBuilder()
                    .buildAsync(URI.create("ws://127.0.0.1:" + port + "/ws"), watching).get(5, TimeUnit.SECONDS);
            Socket slow = new Socket("127.0.0.1", port);
            slow.setSoTimeout(30_000);
            slow.getOutputStream().write(("GET /mcp/memory/slow HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + token
                    + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            slow.getOutputStream().flush();
            slowAsked.get(5, TimeUnit.SECONDS);
            Socket json = post(port, token, "/command", "{\"command\":\"backup\",\"service\":\"api\"}", false);
            sockets.addAll(agents);
            sockets.addAll(commands);
            sockets.add(json);
            Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> sleeps() == COMMANDS + 1);

            long start = System.nanoTime();
            app.destroy(); // SIGTERM
            List<CompletableFuture<String>> rests = sockets.stream()
                    .map(socket -> CompletableFuture.supplyAsync(() -> readToEnd(socket))).toList();
            assertThat(app.waitFor(20, TimeUnit.SECONDS)).as("exited within SHUTDOWN_GRACE").isTrue();
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            // Nothing is left to wait for once streams and commands are ended: not the grace period.
            assertThat(took).isLessThan(Duration.ofSeconds(5));
            assertThat(goingAway.get(5, TimeUnit.SECONDS)).isEqualTo("1001 server is shutting down");
            // The request that could finish did, before the exit.
            assertThat(readToEnd(slow)).startsWith("HTTP/1.1 200").contains("{\"slow\":\"done\"}");
            dashboard.abort();

            for (int i = 0; i < AGENTS + COMMANDS; i++) {
                assertThat(rests.get(i).get(5, TimeUnit.SECONDS)).as("stream " + i)
                        .contains("event: error\ndata: {\"error\":\"server is shutting down\"}")
                        .contains("event: end\ndata: [DONE]");
            }
            assertThat(rests.get(AGENTS + COMMANDS).get(5, TimeUnit.SECONDS)).contains(" 503 ").contains("{\"detail\":\"server is shutting down\"}");
            // Each command: its entry before it ran, and its end.
            List<JsonObject> lines = Files.readAllLines(audit).stream().map(JsonObject::new).toList();
            assertThat(lines).hasSize(2 * (COMMANDS + 1));
            assertThat(lines).filteredOn(line -> !line.getString("status").equals("started")).hasSize(COMMANDS + 1)
                    .allSatisfy(line -> assertThat(line.getString("status")).isEqualTo("cancelled"));
            // Every run's end was recorded before the exit: a restarted instance shows them with their final status.
            // runs.jsonl has a line per state, appended; the last of each run is its end.
            java.util.Map<String, JsonObject> runs = new java.util.LinkedHashMap<>();
            Files.readAllLines(root.resolve("data").resolve("runs.jsonl")).stream().map(JsonObject::new)
                    .forEach(run -> runs.put(run.getString("id"), run));
            assertThat(runs.values()).hasSize(AGENTS).allSatisfy(run -> {
                assertThat(run.getString("status")).isEqualTo("failed");
                assertThat(run.getString("error")).isEqualTo("server is shutting down");
                assertThat(run.getString("ended_at")).isNotNull();
            });
            ProcessBuilder again = new ProcessBuilder(builder.command()).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(root.resolve("app.log").toFile()));
            again.environment().putAll(builder.environment());
            Process restarted = again.start();
            try {
                waitUntilUp(port);
                String body = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                                URI.create("http://127.0.0.1:" + port + "/agent/runs?limit=100"))
                        .header("Authorization", "Bearer " + token(port)).build(), HttpResponse.BodyHandlers.ofString()).body();
                io.vertx.core.json.JsonArray listed = new JsonObject(body).getJsonArray("runs");
                assertThat(listed).hasSize(AGENTS);
                assertThat(listed.stream().map(run -> ((JsonObject) run).getString("status")).distinct().toList()).containsExactly("failed");
            } finally {
                restarted.destroy();
                restarted.waitFor(20, TimeUnit.SECONDS);
            }
            assertThat(sleeps()).as("sleeps left running").isZero();
            // the stand-in counts each close on its own event loop, maybe after the streams were read
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(llm.closedEarly()).isEqualTo(AGENTS));
            System.out.println("SIGTERM to exit with " + (sockets.size() + 1) + " requests in flight (one finishing 1.5 s after"
                    + " the signal) and a /ws client: " + took.toMillis() + " ms");
        } finally {
            app.destroyForcibly();
            for (Socket socket : sockets) {
                socket.close();
            }
            vertx.close().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
        }
    }

    private static long sleeps() {
        return ProcessHandle.allProcesses().filter(p -> p.info().command().map(c -> c.endsWith("/sleep")).orElse(false)
                && p.info().arguments().map(a -> a.length == 1 && a[0].equals(SLEEP)).orElse(false)).count();
    }

    private static void waitUntilUp(int port) {
        HttpClient client = HttpClient.newHttpClient();
        Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).ignoreExceptions().until(() ->
                client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/q/health/live")).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200);
    }

    private static String token(int port) throws Exception {
        String body = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/auth/login"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"ceo\",\"password\":\"admin\"}")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        return new JsonObject(body).getString("access_token");
    }

    private static Socket post(int port, String token, String path, String body, boolean stream) throws IOException {
        Socket socket = new Socket("127.0.0.1", port);
        socket.setSoTimeout(30_000);
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        String request = "POST " + path + " HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + token + "\r\n"
                + "Content-Type: application/json\r\n" + (stream ? "Accept: text/event-stream\r\n" : "")
                + "Content-Length: " + bytes.length + "\r\nConnection: close\r\n\r\n";
        socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
        socket.getOutputStream().write(bytes);
        socket.getOutputStream().flush();
        return socket;
    }

    private static String readToEnd(Socket socket) {
        try {
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "read failed: " + e.getMessage();
        }
    }
}
