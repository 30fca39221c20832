package dev.workbench.toolservice;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

import dev.workbench.support.Login;
import dev.workbench.support.ToolServicesResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.time.Duration;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/** A service that keeps timing out stops being called for a while, then is tried again. */
@QuarkusTest
@TestProfile(CircuitBreakerTest.SmallBreaker.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CircuitBreakerTest {

    public static class SmallBreaker implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("workbench.tool-client.breaker-volume", "4", "workbench.tool-client.breaker-delay", "2s",
                    "workbench.tool-client.timeout", "300ms");
        }
    }

    @Test
    @Order(1)
    void aFailingServiceIsPausedThenTriedAgain() {
        ToolServicesResource.resetAll();
        var git = ToolServicesResource.service("git");
        git.hang();
        String token = Login.adminToken();
        for (int i = 0; i < 4; i++) {
            given().auth().oauth2(token).when().get("/mcp/git/log").then().statusCode(504);
        }
        assertThat(git.received()).hasSize(4);
        given().auth().oauth2(token).when().get("/mcp/git/log").then().statusCode(503)
                .body("detail", containsString("Service git keeps failing"));
        assertThat(git.received()).as("a paused service is not called").hasSize(4);
        // Other services are not affected.
        given().auth().oauth2(token).when().get("/mcp/memory/search").then().statusCode(200);
        // Upstream answers, even errors, never trip it.
        ToolServicesResource.service("vector").answer(500, "application/json", "{}");
        for (int i = 0; i < 6; i++) {
            given().auth().oauth2(token).when().get("/mcp/vector/stats").then().statusCode(500);
        }

        git.reset();
        Awaitility.await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(250)).until(() ->
                given().auth().oauth2(token).when().get("/mcp/git/log").statusCode() == 200);
    }

    @Test
    @Order(2)
    void aTestThatLeavesABreakerOpen() {
        ToolServicesResource.resetAll();
        ToolServicesResource.service("git").hang();
        String token = Login.adminToken();
        for (int i = 0; i < 4; i++) {
            given().auth().oauth2(token).when().get("/mcp/git/log").then().statusCode(504);
        }
        given().auth().oauth2(token).when().get("/mcp/git/log").then().statusCode(503);
        ToolServicesResource.service("git").reset();
    }

    /** Proves the suite's reset between tests (support/ResetCircuitBreakers): the breaker's 2 s pause has not passed. */
    @Test
    @Order(3)
    void theNextTestStartsWithEveryBreakerClosed() {
        given().auth().oauth2(Login.adminToken()).when().get("/mcp/git/log").then().statusCode(200);
        assertThat(ToolServicesResource.service("git").received()).hasSize(1);
    }
}
