package dev.workbench.proxy;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import dev.workbench.support.FakeToolService;
import dev.workbench.support.Login;
import dev.workbench.support.RawHttp;
import dev.workbench.support.ToolServicesResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerResponse;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The test profile gives the proxy a 1 s timeout and a 64 KiB response cap. */
@QuarkusTest
@WithTestResource(value = ToolServicesResource.class, scope = TestResourceScope.GLOBAL)
class ProxyResourceTest {

    private final String token = Login.adminToken();

    /**
     * A cut answer is a finished request: a SIGTERM would not wait for it. Read in process; against
     * the packaged application (no container here) the count is out of reach.
     */
    private static void noRequestLeftInFlight() {
        io.quarkus.arc.ArcContainer container = io.quarkus.arc.Arc.container();
        if (container != null) {
            dev.workbench.common.ShutdownSignal shutdown = container.instance(dev.workbench.common.ShutdownSignal.class).get();
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> shutdown.requestsInFlight() == 0);
        }
    }

    @BeforeEach
    void reset() {
        ToolServicesResource.resetAll();
    }

    private static FakeToolService memory() {
        return ToolServicesResource.service("memory");
    }

    @Test
    void getPassesStatusContentTypeBodyAndQueryStringThrough() {
        memory().answerWith((request, body) -> request.response().setStatusCode(207)
                .putHeader("Content-Type", "application/vnd.memory+json").end("{\"hits\":[1,2]}"));
        given().auth().oauth2(token).urlEncodingEnabled(false)
                .when().get("/mcp/memory/search/nodes?q=graph%20db&limit=5")
                .then().statusCode(207)
                .contentType("application/vnd.memory+json")
                .body(equalTo("{\"hits\":[1,2]}"));
        assertThat(memory().received()).singleElement().satisfies(r -> {
            assertThat(r.method()).isEqualTo("GET");
            assertThat(r.uri()).isEqualTo("/search/nodes?q=graph%20db&limit=5");
        });
    }

    @Test
    void postForwardsTheJsonBodyAndReturnsTheUpstreamsStatus() {
        memory().answer(201, "application/json", "{\"stored\":true}");
        String body = "{\"key\":\"k\",\"value\":{\"nested\":[1,2,3]}}";
        given().auth().oauth2(token).contentType(ContentType.JSON).body(body)
                .when().post("/mcp/memory/store")
                .then().statusCode(201).contentType(ContentType.JSON).body("stored", equalTo(true));
        FakeToolService.Received received = memory().received().get(0);
        assertThat(received.method()).isEqualTo("POST");
        assertThat(received.uri()).isEqualTo("/store");
        assertThat(received.body()).isEqualTo(body);
        assertThat(received.headers().get("Content-Type")).startsWith("application/json");
    }

    @Test
    void aNonJsonUpstreamBodyIsPassedThroughWithItsOwnContentType() {
        memory().answer(500, "text/plain; charset=utf-8", "upstream exploded");
        given().auth().oauth2(token).when().get("/mcp/memory/search")
                .then().statusCode(500).contentType("text/plain").body(equalTo("upstream exploded"));
    }

    @Test
    void onlyContentTypeAndAcceptReachTheUpstream() {
        given().auth().oauth2(token)
                .header("Cookie", "session=secret")
                .header("Proxy-Authorization", "Basic abc")
                .header("X-Forwarded-For", "10.0.0.1")
                .header("Connection", "keep-alive, X-Private")
                .header("X-Private", "1")
                .header("Accept", "application/json")
                .contentType(ContentType.JSON).body("{}")
                .when().post("/mcp/memory/store")
                .then().statusCode(200);
        FakeToolService.Received received = memory().received().get(0);
        assertThat(received.headers().names()).map(String::toLowerCase)
                .doesNotContain("authorization", "cookie", "proxy-authorization", "x-forwarded-for", "x-private");
        assertThat(received.headers().get("Accept")).isEqualTo("application/json");
        assertThat(received.headers().toString()).doesNotContain(token);
    }

    @Test
    void aFifthServiceIsReachableByConfigurationAlone() {
        given().auth().oauth2(token).when().get("/mcp/search/query?q=x")
                .then().statusCode(200).body("uri", equalTo("/query?q=x"));
    }

    @Test
    void anUnknownServiceIs404() {
        given().auth().oauth2(token).when().get("/mcp/nosuch/health")
                .then().statusCode(404).contentType(ContentType.JSON).body("detail", equalTo("Service nosuch not found"));
    }

    @Test
    void aSlowUpstreamIs504() {
        memory().hang();
        given().auth().oauth2(token).when().get("/mcp/memory/search")
                .then().statusCode(504).contentType(ContentType.JSON)
                .body("detail", equalTo("Service memory did not answer within 1000 ms"));
    }

    @Test
    void anOversizedUpstreamAnswerIs502WithContentLength() {
        memory().answer(200, "application/json", "[" + "1,".repeat(40_000) + "1]");
        given().auth().oauth2(token).when().get("/mcp/memory/search")
                .then().statusCode(502).body("detail", containsString("more than 65536 bytes"));
    }

    @Test
    void aChunkedAnswerGrowingPastTheCapIsCutNotPassedOffAsWhole() throws Exception {
        CompletableFuture<Void> upstreamClosed = new CompletableFuture<>();
        memory().answerWith((request, body) -> {
            var response = request.response().setChunked(true).putHeader("Content-Type", "application/json");
            request.connection().closeHandler(closed -> upstreamClosed.complete(null));
            writeEvery(response, "x".repeat(1024), 10, 1000);
        });
        try (Socket socket = RawHttp.send("GET", "/mcp/memory/search", token)) {
            byte[] received = socket.getInputStream().readAllBytes();
            String text = new String(received, StandardCharsets.ISO_8859_1);
            assertThat(text).startsWith("HTTP/1.1 200");
            // cut past 64 KiB: never the last chunk "0\r\n\r\n" that would mark the answer as whole
            assertThat(received.length).isBetween(64 * 1024, 80 * 1024);
            assertThat(text).doesNotEndWith("0\r\n\r\n");
        }
        upstreamClosed.get(5, TimeUnit.SECONDS);
        noRequestLeftInFlight();
    }

    @Test
    void anAnswerIsStreamedThroughAsItArrives() throws Exception {
        CompletableFuture<Void> release = new CompletableFuture<>();
        memory().answerWith((request, body) -> {
            var response = request.response().setChunked(true).putHeader("Content-Type", "text/event-stream");
            response.write("event: first\ndata: {}\n\n");
            release.thenRun(() -> response.end("event: last\ndata: {}\n\n"));
        });
        try (Socket socket = RawHttp.send("GET", "/mcp/memory/events", token)) {
            String head = RawHttp.readUntil(socket, "event: first");
            assertThat(head).startsWith("HTTP/1.1 200").containsIgnoringCase("content-type: text/event-stream");
            assertThat(release).isNotDone();
            release.complete(null);
            assertThat(RawHttp.readUntil(socket, "event: last")).contains("event: last");
        } finally {
            release.complete(null);
        }
    }

    @Test
    void aClientWalkingAwayClosesTheConnectionToTheService() throws Exception {
        CompletableFuture<Void> upstreamClosed = new CompletableFuture<>();
        memory().answerWith((request, body) -> {
            var response = request.response().setChunked(true).putHeader("Content-Type", "text/plain");
            request.connection().closeHandler(closed -> upstreamClosed.complete(null));
            response.write("first line\n");
        });
        try (Socket socket = RawHttp.send("GET", "/mcp/memory/tail", token)) {
            RawHttp.readUntil(socket, "first line");
            assertThat(upstreamClosed).isNotDone();
        }
        upstreamClosed.get(5, TimeUnit.SECONDS);
        noRequestLeftInFlight();
    }

    @Test
    void aServiceFallingSilentMidAnswerIsCutAfterTheTimeout() throws Exception {
        memory().answerWith((request, body) -> request.response().setChunked(true)
                .putHeader("Content-Type", "text/plain").write("partial"));
        try (Socket socket = RawHttp.send("GET", "/mcp/memory/slow", token)) {
            long start = System.nanoTime();
            String text = new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
            assertThat(text).startsWith("HTTP/1.1 200").contains("partial").doesNotEndWith("0\r\n\r\n");
            // the test profile's 1 s PROXY_TIMEOUT, not the socket's 10 s read timeout
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(8));
        }
        noRequestLeftInFlight();
    }

    /** Writes {@code chunk} {@code times} times, one every {@code periodMs}, unless the connection closes first. */
    private static void writeEvery(HttpServerResponse response, String chunk, int periodMs, int times) {
        AtomicInteger left = new AtomicInteger(times);
        Vertx vertx = Vertx.currentContext().owner();
        vertx.setPeriodic(periodMs, id -> {
            if (response.closed() || left.decrementAndGet() < 0) {
                vertx.cancelTimer(id);
                if (!response.closed() && !response.ended()) {
                    response.end();
                }
                return;
            }
            response.write(chunk);
        });
    }

    @Test
    void aRequestBodyOver1MiBIs413AndNotForwarded() {
        byte[] big = new byte[1024 * 1024 + 1];
        java.util.Arrays.fill(big, (byte) 'a');
        given().auth().oauth2(token).contentType(ContentType.JSON).body(big)
                .when().post("/mcp/memory/store")
                .then().statusCode(413).contentType(ContentType.JSON);
        assertThat(memory().received()).isEmpty();
    }

    @Test
    void aChunkedRequestBodyOver1MiBIs413AndNotForwarded() throws Exception {
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", io.restassured.RestAssured.port)) {
            socket.setSoTimeout(10_000);
            java.io.OutputStream out = socket.getOutputStream();
            out.write(("POST /mcp/memory/store HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + token
                    + "\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n")
                    .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
            byte[] chunk = new byte[64 * 1024];
            java.util.Arrays.fill(chunk, (byte) 'a');
            for (int i = 0; i < 17; i++) { // 1.06 MiB, no length declared
                out.write((Integer.toHexString(chunk.length) + "\r\n").getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
                out.write(chunk);
                out.write("\r\n".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
            }
            out.write("0\r\n\r\n".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
            out.flush();
            String answer = new String(socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            assertThat(answer).startsWith("HTTP/1.1 413 ").contains("\"detail\":\"Request body too large: at most 1048576 bytes\"");
        }
        assertThat(memory().received()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"PUT", "DELETE", "PATCH", "HEAD", "OPTIONS"})
    void onlyGetAndPostAreProxied(String method) {
        var response = given().auth().oauth2(token).contentType(ContentType.JSON).body("{}")
                .when().request(method, "/mcp/memory/delete")
                .then().statusCode(405);
        if (!method.equals("HEAD")) {
            response.contentType(ContentType.JSON).body("detail", equalTo("Method Not Allowed"));
        }
        assertThat(memory().received()).isEmpty();
    }

    @Test
    void withoutRestrictionAnyFirstSegmentPasses() {
        given().auth().oauth2(token).when().get("/mcp/memory/admin/reindex")
                .then().statusCode(200).body("uri", equalTo("/admin/reindex"));
        assertThat(List.of(memory().received().get(0).uri())).containsExactly("/admin/reindex");
    }
}
