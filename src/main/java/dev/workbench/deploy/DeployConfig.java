package dev.workbench.deploy;

import io.smallrye.config.ConfigMapping;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/** Deployment targets, strategies and their credentials. */
@ConfigMapping(prefix = "workbench.deploy")
public interface DeployConfig {

    /** {@code FLY_API_TOKEN}: token for the Fly Machines API. */
    Optional<String> flyApiToken();

    /** {@code GITHUB_TOKEN}: token for dispatching GitHub Actions deploy workflows. */
    Optional<String> githubToken();

    /** The app template when {@code FLY_APP_TEMPLATE} is unset, as the original named its apps. */
    String DEFAULT_APP_TEMPLATE = "sophia-{service}-{target}";

    /** {@code FLY_APP_TEMPLATE}: Fly app of a service on a target (default {@value #DEFAULT_APP_TEMPLATE}). */
    Optional<String> appTemplate();

    /** {@code DEPLOY_IMAGE_REPOSITORY}: image repository of an app; the version is its tag or digest (default registry.fly.io/{app}). */
    String imageRepository();

    /** The targets a deployment may name, each with its strategy. */
    Map<String, Target> targets();

    /** {@code GITHUB_REPOSITORY}: owner/name of the repository whose workflow deploys. */
    Optional<String> githubRepository();

    /** {@code DEPLOY_WORKFLOW}: the workflow file dispatched (default deploy.yml). */
    String githubWorkflow();

    /** {@code DEPLOY_REF}: the branch or tag the workflow runs on (default main). */
    String githubRef();

    /** {@code GITHUB_RECORD_DEPLOYMENT}: also record a GitHub deployment, as the original did (default true). */
    @io.smallrye.config.WithConverter(dev.workbench.common.StrictBoolean.GithubRecordDeployment.class)
    Boolean githubRecordDeployment();

    /** {@code FLY_MACHINE_TIMEOUT}: longest wait for one machine to start and pass its checks (default 60s). */
    Duration machineTimeout();

    /** {@code DEPLOY_POLL_INTERVAL}: time between polls of machine checks and workflow runs (default 1s). */
    Duration pollInterval();

    /** One target. */
    interface Target {

        /** {@code fly} (Fly Machines API) or {@code github} (GitHub Actions workflow dispatch). */
        DeployStrategy strategy();
    }
}
