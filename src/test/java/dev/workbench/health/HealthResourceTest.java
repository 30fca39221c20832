package dev.workbench.health;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import dev.workbench.support.FakeToolService;
import dev.workbench.support.ToolServicesResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The test profile bounds each check at 500 ms and caches nothing. */
@QuarkusTest
@WithTestResource(value = ToolServicesResource.class, scope = TestResourceScope.GLOBAL)
class HealthResourceTest {

    private static final List<String> IDS = List.of("memory", "filesystem", "git", "vector", "search");

    @BeforeEach
    void reset() {
        ToolServicesResource.resetAll();
    }

    @Test
    void allServicesOnlineIsHealthyInTheOriginalsShape() {
        String timestamp = given().when().get("/health")
                .then().statusCode(200).contentType(ContentType.JSON)
                .body("status", equalTo("healthy"))
                .body("services.memory.name", equalTo("Knowledge Graph Memory"))
                .body("services.filesystem.name", equalTo("File System Access"))
                .body("services.git.name", equalTo("Git Repository Control"))
                .body("services.vector.name", equalTo("Vector Embeddings"))
                .body("services.memory.status", equalTo("online"))
                .body("services.memory.url", equalTo(ToolServicesResource.service("memory").url()))
                .body("services.memory", not(hasKey("error")))
                .extract().path("timestamp");
        assertThat(Instant.parse(timestamp)).isBetween(Instant.now().minusSeconds(60), Instant.now().plusSeconds(1));
        for (String id : IDS) {
            assertThat(ToolServicesResource.service(id).received())
                    .extracting(FakeToolService.Received::uri).containsExactly("/health");
        }
    }

    @Test
    void aHealthAnswerOverFourKiBIsDegradedAndNotReadToItsEnd() {
        // 64 MiB without a declared length, and 10 MiB with one: neither is read past 4 KiB.
        java.util.concurrent.atomic.AtomicInteger written = new java.util.concurrent.atomic.AtomicInteger();
        ToolServicesResource.service("memory").answerWith((request, body) -> {
            io.vertx.core.http.HttpServerResponse response = request.response().setChunked(true)
                    .putHeader("Content-Type", "application/json");
            io.vertx.core.buffer.Buffer chunk = io.vertx.core.buffer.Buffer.buffer(new byte[64 * 1024]);
            writeUntilClosed(response, chunk, 1024, written);
        });
        given().when().get("/health").then().statusCode(200)
                .body("status", equalTo("degraded"))
                .body("services.memory.status", equalTo("degraded"))
                .body("services.memory.status_code", equalTo(200))
                .body("services.memory.error", equalTo("health answer larger than 4 KiB"))
                .body("services.git.status", equalTo("online"));
        // Checked apart: the stand-ins share event loops, and a 64 MiB writer beside it could hold the
        // 10 MiB answer's head past the test profile's 500 ms HEALTH_TIMEOUT (seen once: "offline").
        ToolServicesResource.service("memory").reset();
        ToolServicesResource.service("vector").answerWith((request, body) -> request.response()
                .putHeader("Content-Type", "application/json").end(io.vertx.core.buffer.Buffer.buffer(new byte[10 * 1024 * 1024])));
        given().when().get("/health").then().statusCode(200)
                .body("status", equalTo("degraded"))
                .body("services.vector.status", equalTo("degraded"))
                .body("services.vector.error", equalTo("health answer larger than 4 KiB"))
                .body("services.git.status", equalTo("online"));
        // The stream was cut long before its 64 MiB were written.
        assertThat(written.get()).isLessThan(1024);
    }

    private static void writeUntilClosed(io.vertx.core.http.HttpServerResponse response, io.vertx.core.buffer.Buffer chunk,
            int left, java.util.concurrent.atomic.AtomicInteger written) {
        if (response.closed() || left == 0) {
            if (!response.closed()) {
                response.end();
            }
            return;
        }
        response.write(chunk).onComplete(done -> {
            written.incrementAndGet();
            io.vertx.core.Vertx.currentContext().owner().setTimer(1, id -> writeUntilClosed(response, chunk, left - 1, written));
        });
    }

    @Test
    void aFifthServiceExistsByConfigurationAlone() {
        given().when().get("/health")
                .then().statusCode(200)
                .body("services.search.name", equalTo("Search Index"))
                .body("services.search.status", equalTo("online"));
    }

    @Test
    void aServiceAnsweringOtherThan200IsDegraded() {
        ToolServicesResource.service("git").answer(503, "application/json", "{\"status\":\"starting\"}");
        given().when().get("/health")
                .then().statusCode(200)
                .body("status", equalTo("degraded"))
                .body("services.git.status", equalTo("degraded"))
                .body("services.git.status_code", equalTo(503))
                .body("services.memory.status", equalTo("online"));
    }

    @Test
    void hangingServicesAreOfflineAfterAboutOneTimeoutNotOneEach() {
        IDS.forEach(id -> ToolServicesResource.service(id).hang());
        long start = System.nanoTime();
        given().when().get("/health")
                .then().statusCode(200)
                .body("status", equalTo("degraded"))
                .body("services.memory.status", equalTo("offline"))
                .body("services.memory.error", notNullValue())
                .body("services.vector.status", equalTo("offline"));
        long millis = (System.nanoTime() - start) / 1_000_000;
        // Five checks of 500 ms each: one after another they would take 2.5 s.
        assertThat(millis).isLessThan(1_800);
    }

    @Test
    void systemHealthIsAnsweredUnderBothGraphQLSpellings() {
        ToolServicesResource.service("vector").hang();
        String query = "{ systemHealth { status timestamp services { id name status url } } "
                + "system_health { status timestamp services { id name status url } } }";
        given().contentType(ContentType.JSON).body(new io.vertx.core.json.JsonObject().put("query", query).encode())
                .when().post("/graphql")
                .then().statusCode(200)
                .body("errors", nullValue())
                .body("data.systemHealth.status", equalTo("degraded"))
                .body("data.system_health.status", equalTo("degraded"))
                .body("data.systemHealth.services.find { it.id == 'memory' }.name", equalTo("Knowledge Graph Memory"))
                .body("data.systemHealth.services.find { it.id == 'memory' }.status", equalTo("online"))
                .body("data.systemHealth.services.find { it.id == 'memory' }.url", equalTo(ToolServicesResource.service("memory").url()))
                .body("data.system_health.services.find { it.id == 'vector' }.status", equalTo("offline"))
                .body("data.system_health.services.find { it.id == 'vector' }.url", nullValue());
    }

    @Test
    void processHealthIsAboutThisProcessNotTheToolServices() {
        IDS.forEach(id -> ToolServicesResource.service(id).hang());
        given().when().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
        given().when().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
    }
}
