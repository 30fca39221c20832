package dev.workbench.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
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
 * 96 concurrent 10 MB answers through the proxy of the packaged application started with the
 * production JVM flags of its image on a 512 MB machine: the process survives, and every request
 * gets its whole answer, streamed through one chunk at a time rather than held.
 */
class ProxyMemoryIT {

    private static final Path JAR = Path.of("target", "quarkus-app", "quarkus-run.jar");
    private static final int SIZE = 10_000_000;
    private static final int CLIENTS = 96;

    @Test
    void manyLargeAnswersAtOnceNeverExhaustTheHeap() throws Exception {
        Vertx vertx = Vertx.vertx();
        Buffer big = Buffer.buffer(new byte[SIZE]);
        HttpServer upstream = vertx.createHttpServer().requestHandler(request -> request.response()
                .putHeader("Content-Type", "application/octet-stream").end(big));
        upstream.listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        Path log = Files.createTempFile("proxy-memory", ".log");
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:MaxRAM=512m", "-XX:MaxRAMPercentage=70", "-XX:+UseSerialGC", "-XX:+ExitOnOutOfMemoryError", "-Xss512k",
                "-jar", JAR.toString()).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("PORT", Integer.toString(port));
        builder.environment().put("DATA_DIR", log.resolveSibling(log.getFileName() + "-data").toString());
        builder.environment().put("MEMORY_URL", "http://127.0.0.1:" + upstream.actualPort());
        builder.environment().put("PROXY_TIMEOUT", "60s");
        Process app = builder.start();
        try {
            HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
            Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).ignoreExceptions().until(() ->
                    client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/q/health/live")).build(),
                            HttpResponse.BodyHandlers.discarding()).statusCode() == 200);
            String token = new JsonObject(client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/auth/login"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"ceo\",\"password\":\"admin\"}")).build(),
                    HttpResponse.BodyHandlers.ofString()).body()).getString("access_token");
            List<CompletableFuture<HttpResponse<byte[]>>> answers = new ArrayList<>();
            for (int i = 0; i < CLIENTS; i++) {
                answers.add(client.sendAsync(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/mcp/memory/big"))
                        .header("Authorization", "Bearer " + token).timeout(Duration.ofSeconds(120)).build(),
                        HttpResponse.BodyHandlers.ofByteArray()));
            }
            for (CompletableFuture<HttpResponse<byte[]>> future : answers) {
                HttpResponse<byte[]> answer = future.get(180, TimeUnit.SECONDS);
                assertThat(answer.statusCode()).isEqualTo(200);
                assertThat(answer.body()).hasSize(SIZE);
            }
            assertThat(app.isAlive()).as(Files.readString(log)).isTrue();
            long peakKiB = Files.readAllLines(Path.of("/proc", Long.toString(app.pid()), "status")).stream()
                    .filter(line -> line.startsWith("VmHWM:")).map(line -> line.replaceAll("\\D", "")).map(Long::parseLong)
                    .findFirst().orElse(-1L);
            System.out.println(CLIENTS + " concurrent 10 MB answers under -XX:MaxRAM=512m: all whole, peak RSS "
                    + peakKiB / 1024 + " MiB");
            // and the service still answers afterwards
            assertThat(client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/q/health/live")).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode()).isEqualTo(200);
        } finally {
            app.destroyForcibly();
            vertx.close().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
            Files.deleteIfExists(log);
        }
    }
}
