package dev.workbench.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

import dev.workbench.support.FakeDeployApisResource;
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
            return Map.of("workbench.deploy.targets.production.strategy", "github");
        }

        @Override
        public java.util.List<TestResourceEntry> testResources() {
            return java.util.List.of(new TestResourceEntry(FakeDeployApisResource.class));
        }
    }

    @Test
    void aMissingTokenIs503NamingTheVariable() {
        FakeDeployApisResource.apis().reset();
        DeployResourceTest.deploy("{\"target\":\"staging\",\"service\":\"api\",\"version\":\"1.0.0\"}")
                .then().statusCode(503).body("detail", containsString("FLY_API_TOKEN"));
        DeployResourceTest.deploy("{\"target\":\"production\",\"service\":\"api\",\"version\":\"1.0.0\"}")
                .then().statusCode(503).body("detail", containsString("GITHUB_TOKEN"));
        assertThat(FakeDeployApisResource.apis().received()).isEmpty();
    }
}
