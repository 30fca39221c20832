package dev.workbench.toolservice;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import dev.workbench.support.Login;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import java.io.IOException;
import java.net.ServerSocket;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The memory service points at a port nobody listens on. */
@QuarkusTest
@TestProfile(UnreachableServiceTest.ClosedPort.class)
class UnreachableServiceTest {

    public static class ClosedPort implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            try (ServerSocket socket = new ServerSocket(0)) {
                return Map.of("workbench.services.memory.url", "http://127.0.0.1:" + socket.getLocalPort());
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    @Test
    void healthReportsItOfflineWithTheReason() {
        given().when().get("/health")
                .then().statusCode(200)
                .body("status", equalTo("degraded"))
                .body("services.memory.status", equalTo("offline"))
                .body("services.memory.error", equalTo("connection refused"))
                .body("services.git.status", equalTo("online"));
    }

    @Test
    void theProxyAnswers502WithADetail() {
        given().auth().oauth2(Login.adminToken()).when().get("/mcp/memory/search")
                .then().statusCode(502)
                .contentType(ContentType.JSON)
                .body("detail", equalTo("Service memory is unreachable: connection refused"));
    }
}
