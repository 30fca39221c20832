package dev.workbench.deploy;

import dev.workbench.support.FakeDeployApis;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.vertx.core.Vertx;
import java.util.Map;

/** Staging deploys through the Fly Machines API, production through GitHub Actions; both stand-ins on loopback. */
public class DeployProfile implements QuarkusTestProfile {

    public static final FakeDeployApis APIS = new FakeDeployApis(Vertx.vertx());
    public static final String FLY_TOKEN = "fly-test-token";
    static final String GITHUB_TOKEN = "ghp_testtokentesttokentesttoken000000";

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "quarkus.rest-client.fly-machines.url", APIS.url() + "/v1",
                "quarkus.rest-client.github.url", APIS.url(),
                "workbench.deploy.fly-api-token", FLY_TOKEN,
                "workbench.deploy.github-token", GITHUB_TOKEN,
                "workbench.deploy.github-repository", "acme/backend",
                "workbench.deploy.targets.production.strategy", "github");
    }
}
