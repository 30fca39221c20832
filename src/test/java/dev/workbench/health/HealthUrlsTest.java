package dev.workbench.health;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The open {@code /health} never shows the credentials or query a configured service URL carries. */
@QuarkusTest
@TestProfile(HealthUrlsTest.CredentialsInUrl.class)
class HealthUrlsTest {

    public static class CredentialsInUrl implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("workbench.services.memory.url", "http://svcuser:svc-pass@127.0.0.1:1/base?token=abc",
                    "workbench.health.cache", "0s");
        }
    }

    @Test
    void restShowsTheUrlWithoutUserInfoOrQuery() {
        String body = given().when().get("/health").then().statusCode(200)
                .extract().asString();
        assertThat(body).contains("\"url\":\"http://127.0.0.1:1/base\"").doesNotContain("svc-pass").doesNotContain("svcuser")
                .doesNotContain("token=abc");
    }

    @Test
    void graphqlShowsNoCredentialsEither() {
        String body = given().contentType("application/json")
                .body("{\"query\":\"{ systemHealth { services { id url status } } }\"}")
                .when().post("/graphql").then().statusCode(200).extract().asString();
        assertThat(body).doesNotContain("svc-pass").doesNotContain("svcuser").doesNotContain("token=abc");
    }
}
