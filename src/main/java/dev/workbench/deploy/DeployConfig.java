package dev.workbench.deploy;

import io.smallrye.config.ConfigMapping;
import java.util.Optional;

/** Credentials of the deployment strategies. */
@ConfigMapping(prefix = "workbench.deploy")
public interface DeployConfig {

    /** {@code FLY_API_TOKEN}: token for the Fly Machines API. */
    Optional<String> flyApiToken();

    /** {@code GITHUB_TOKEN}: token for dispatching GitHub Actions deploy workflows. */
    Optional<String> githubToken();
}
