package dev.workbench.health;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.workbench.support.ToolServicesResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code HEALTH_CACHE}: a busy dashboard polling /health does not multiply upstream checks. */
@QuarkusTest
@TestProfile(HealthCacheTest.Cached.class)
class HealthCacheTest {

    public static class Cached implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("workbench.health.cache", "30s");
        }
    }

    @Test
    void oneCheckServesManyRequestsWithinTheCacheTime() {
        ToolServicesResource.resetAll();
        String first = given().when().get("/health").then().statusCode(200).extract().path("timestamp");
        for (int i = 0; i < 5; i++) {
            String again = given().when().get("/health").then().statusCode(200).extract().path("timestamp");
            assertThat(again).isEqualTo(first);
        }
        assertThat(ToolServicesResource.service("memory").received()).hasSize(1);
    }
}
