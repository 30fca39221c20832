package dev.workbench.common;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

@QuarkusTest
class CorsTest {

    /** ALLOW_CREDENTIALS defaults to false, as in the original: the dashboard sends a bearer header, never cookies. */
    @Test
    void aConfiguredOriginsPreflightIsAnsweredWithoutCredentialsByDefault() {
        given().header("Origin", "http://localhost:3001")
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "authorization,content-type")
                .when().options("/agent/execute")
                .then().statusCode(200)
                .header("Access-Control-Allow-Origin", "http://localhost:3001")
                .header("Access-Control-Allow-Credentials", nullValue())
                .header("Access-Control-Allow-Methods", containsString("POST"))
                .header("Access-Control-Allow-Headers", "authorization,content-type");
    }

    @Test
    void aConfiguredOriginsRequestCarriesTheHeaders() {
        given().header("Origin", "http://localhost:3000").when().get("/q/health/live")
                .then().statusCode(200)
                .header("Access-Control-Allow-Origin", "http://localhost:3000")
                .header("Access-Control-Allow-Credentials", nullValue());
    }

    @Test
    void anotherOriginsPreflightIsRefusedWithoutCorsHeaders() {
        given().header("Origin", "https://evil.example")
                .header("Access-Control-Request-Method", "POST")
                .when().options("/auth/login")
                .then().statusCode(400)
                .contentType(ContentType.JSON)
                .body("detail", equalTo("Disallowed CORS origin"))
                .header("Access-Control-Allow-Origin", nullValue())
                .header("Access-Control-Allow-Credentials", nullValue());
    }

    @Test
    void anotherOriginsRequestGetsNoCorsHeaders() {
        given().header("Origin", "https://evil.example").when().get("/q/health/live")
                .then().statusCode(200)
                .header("Access-Control-Allow-Origin", nullValue());
    }

    @Test
    void originListsThatCouldNeverMatchABrowsersOriginAreRefused() {
        org.assertj.core.api.Assertions.assertThat(CorsFilter.problemWith(java.util.Set.of("*")))
                .startsWith("ALLOWED_ORIGINS: '*' is not an origin");
        for (String bad : new String[] {"http://localhost:3000/", "localhost:3000", "https://app.example.com/dashboard",
                "ftp://files.example.com", "http://*.example.com", "null", "http://LOCALHOST:3000", "https://dash.example.com:443",
                "http://dash.example.com:80", "http://..", "http://x:0"}) {
            org.assertj.core.api.Assertions.assertThat(CorsFilter.problemWith(java.util.Set.of("http://localhost:3000", bad)))
                    .as(bad).contains("'" + bad + "'").contains("ALLOWED_ORIGINS");
        }
        org.assertj.core.api.Assertions.assertThat(CorsFilter.problemWith(java.util.Set.of("http://localhost:3000",
                "https://workbench.example.com", "http://127.0.0.1:8080", "http://[::1]:3000"))).isNull();
    }
}
