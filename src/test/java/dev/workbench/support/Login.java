package dev.workbench.support;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** Tokens for tests of protected routes. */
public final class Login {

    private Login() {
    }

    /** A valid admin token as a Python client would mint it. */
    public static String adminToken() {
        return HandMadeJwt.python("ceo", Instant.now().plus(1, ChronoUnit.HOURS));
    }

    /** A token obtained through {@code POST /auth/login} with the test profile's credentials. */
    public static String viaLogin(String client) {
        return given().contentType(ContentType.JSON).header("X-Test-Client", client)
                .body("{\"username\":\"ceo\",\"password\":\"test-password\"}")
                .when().post("/auth/login")
                .then().statusCode(200)
                .extract().path("access_token");
    }
}
