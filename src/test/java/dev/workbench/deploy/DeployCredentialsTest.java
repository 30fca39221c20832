package dev.workbench.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The Authorization header each deploy API gets, from the configuration as the variables set it. */
class DeployCredentialsTest {

    @Test
    void aClassicFlyTokenIsBearerAndAMacaroonKeepsItsOwnScheme() {
        assertThat(new DeployCredentials.Fly(config("workbench.deploy.fly-api-token", "fo1_classic")).update(null, null))
                .containsEntry("Authorization", List.of("Bearer fo1_classic"));
        assertThat(new DeployCredentials.Fly(config("workbench.deploy.fly-api-token", "FlyV1 fm2_lJPEC,fm2_xyz")).update(null, null))
                .containsEntry("Authorization", List.of("FlyV1 fm2_lJPEC,fm2_xyz"));
    }

    @Test
    void aGitHubTokenIsBearerAndNoTokenAddsNoHeader() {
        assertThat(new DeployCredentials.GitHub(config("workbench.deploy.github-token", "ghp_x")).update(null, null))
                .containsEntry("Authorization", List.of("Bearer ghp_x"));
        assertThat(new DeployCredentials.GitHub(config(null, null)).update(null, null)).isEmpty();
        assertThat(new DeployCredentials.Fly(config(null, null)).update(null, null)).isEmpty();
    }

    private static DeployConfig config(String key, String value) {
        Map<String, String> properties = new HashMap<>(Map.of(
                "workbench.deploy.image-repository", "registry.fly.io/{app}", "workbench.deploy.github-workflow", "deploy.yml",
                "workbench.deploy.github-ref", "main", "workbench.deploy.github-record-deployment", "true",
                "workbench.deploy.machine-timeout", "PT60S", "workbench.deploy.poll-interval", "PT1S", "workbench.deploy.history", "100",
                "workbench.deploy.targets.staging.strategy", "fly"));
        if (key != null) {
            properties.put(key, value);
        }
        return new SmallRyeConfigBuilder().addDefaultInterceptors()
                .withSources(new PropertiesConfigSource(properties, "test", 500))
                .withMapping(DeployConfig.class, "workbench.deploy")
                .withConverter(Boolean.class, 200, new dev.workbench.common.StrictBoolean.GithubRecordDeployment())
                .build().getConfigMapping(DeployConfig.class);
    }
}
