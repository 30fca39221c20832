package dev.workbench.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** No FLY_API_TOKEN, no GITHUB_TOKEN: nothing is attempted. */
@QuarkusTest
@TestProfile(DeployWithoutTokensTest.NoTokens.class)
class DeployWithoutTokensTest {

    public static class NoTokens implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "quarkus.rest-client.fly-machines.url", DeployProfile.APIS.url() + "/v1",
                    "quarkus.rest-client.github.url", DeployProfile.APIS.url(),
                    "workbench.deploy.targets.production.strategy", "github");
        }
    }

    @Test
    void aMissingTokenIs503NamingTheVariable() {
        DeployProfile.APIS.reset();
        DeployResourceTest.deploy("{\"target\":\"staging\",\"service\":\"api\",\"version\":\"1.0.0\"}")
                .then().statusCode(503).body("detail", containsString("FLY_API_TOKEN"));
        DeployResourceTest.deploy("{\"target\":\"production\",\"service\":\"api\",\"version\":\"1.0.0\"}")
                .then().statusCode(503).body("detail", containsString("GITHUB_TOKEN"));
        assertThat(DeployProfile.APIS.received()).isEmpty();
    }
}
