package dev.workbench.toolservice;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import dev.workbench.support.Login;
import dev.workbench.support.MemoryUnreachableProfile;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

/** The memory service points at a port nobody listens on. */
@QuarkusTest
@TestProfile(MemoryUnreachableProfile.class)
class UnreachableServiceTest {

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
