package dev.workbench.common;

import static io.restassured.RestAssured.given;

import dev.workbench.support.Login;
import dev.workbench.support.ToolServicesResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import org.junit.jupiter.api.Test;

/** The security headers on an API answer, an error, the HTTP layer's own answer and a proxied answer. */
@QuarkusTest
@WithTestResource(value = ToolServicesResource.class, scope = TestResourceScope.GLOBAL)
class SecurityHeadersTest {

    private static ValidatableResponse everyResponse(ValidatableResponse response) {
        return response.header("X-Content-Type-Options", "nosniff")
                .header("Referrer-Policy", "no-referrer")
                .header("X-Frame-Options", "DENY");
    }

    @Test
    void anApiAnswer() {
        everyResponse(given().when().get("/health").then().statusCode(200))
                .header("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'");
    }

    @Test
    void anAuthenticatedAnswerIsNotCached() {
        everyResponse(given().auth().oauth2(Login.adminToken()).contentType("application/json").body("{}")
                .when().post("/command").then().statusCode(422))
                .header("Cache-Control", "no-store")
                .header("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'");
    }

    @Test
    void errorsOfOursAndOfTheHttpLayer() {
        everyResponse(given().contentType("application/json").body("{}").when().post("/deploy").then().statusCode(401))
                .header("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'");
        everyResponse(given().when().get("/no-such-route").then().statusCode(404));
        everyResponse(given().auth().oauth2(Login.adminToken()).when().get("/mcp/memory/..%2fx").then().statusCode(400));
    }

    @Test
    void aProxiedAnswerIsSandboxed() {
        everyResponse(given().auth().oauth2(Login.adminToken()).when().get("/mcp/memory/health").then().statusCode(200))
                .header("Content-Security-Policy", "sandbox")
                .header("Cache-Control", "no-store");
    }
}
