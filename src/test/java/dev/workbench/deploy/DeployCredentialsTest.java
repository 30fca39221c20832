package dev.workbench.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.workbench.support.DeployConfigs;
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
        return DeployConfigs.with(key == null ? Map.of() : Map.of(key, value));
    }
}
