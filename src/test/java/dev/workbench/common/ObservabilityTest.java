package dev.workbench.common;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** The process endpoints the README promises: metrics for Prometheus and the OpenAPI document. */
@QuarkusTest
class ObservabilityTest {

    @Test
    void prometheusMetricsAreServed() {
        given().when().get("/health").then().statusCode(200);
        given().when().get("/q/metrics").then().statusCode(200)
                .body(containsString("http_server_requests_seconds_count"))
                .body(containsString("jvm_memory_used_bytes"));
    }

    @Test
    void theOpenApiDocumentDescribesTheRoutes() {
        given().accept("application/json").when().get("/q/openapi").then().statusCode(200)
                .body(containsString("/auth/login"))
                .body(containsString("/agent/execute"))
                .body(containsString("/mcp/{service}/{path}"));
    }
}
