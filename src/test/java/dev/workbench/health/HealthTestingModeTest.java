package dev.workbench.health;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import dev.workbench.support.ToolServicesResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code TESTING=true}: no network call, every service offline. */
@QuarkusTest
@TestProfile(HealthTestingModeTest.Testing.class)
class HealthTestingModeTest {

    public static class Testing implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("workbench.app.testing", "true");
        }
    }

    @Test
    void noServiceIsCalledAndAllAreOffline() {
        ToolServicesResource.resetAll();
        given().when().get("/health")
                .then().statusCode(200)
                .body("status", equalTo("degraded"))
                .body("services.memory.status", equalTo("offline"))
                .body("services.vector.status", equalTo("offline"));
        for (String id : new String[] {"memory", "filesystem", "git", "vector", "search"}) {
            assertThat(ToolServicesResource.service(id).received()).isEmpty();
        }
    }
}
