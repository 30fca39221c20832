package dev.workbench.deploy;

import dev.workbench.support.FakeDeployApisResource;
import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.List;
import java.util.Map;

/** Staging deploys through the Fly Machines API, production through GitHub Actions; both stand-ins on loopback. */
public class DeployProfile implements QuarkusTestProfile {

    public static final String FLY_TOKEN = "fly-test-token";
    static final String GITHUB_TOKEN = "ghp_testtokentesttokentesttoken000000";

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "workbench.deploy.fly-api-token", FLY_TOKEN,
                "workbench.deploy.github-token", GITHUB_TOKEN,
                "workbench.deploy.github-repository", "acme/backend",
                "workbench.deploy.targets.production.strategy", "github");
    }

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(FakeDeployApisResource.class));
    }
}
