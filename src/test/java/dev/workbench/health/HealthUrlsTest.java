package dev.workbench.health;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.workbench.support.MemoryUnreachableProfile;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

/** The open {@code /health} never shows the credentials or query a configured service URL carries. */
@QuarkusTest
@TestProfile(MemoryUnreachableProfile.class)
class HealthUrlsTest {

    @Test
    void restShowsTheUrlWithoutUserInfoOrQuery() {
        String body = given().when().get("/health").then().statusCode(200)
                .extract().asString();
        assertThat(body).containsPattern("\"url\":\"http://127\\.0\\.0\\.1:[0-9]+/base\"").doesNotContain("svc-pass").doesNotContain("svcuser")
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
