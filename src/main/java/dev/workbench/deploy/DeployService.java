package dev.workbench.deploy;

import dev.workbench.common.Failure;
import dev.workbench.common.AuditLog;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Deploys a service to a target with the target's strategy, records the result and audits it. A
 * refused request (unknown target, missing credentials) attempts nothing; a failed step is never
 * reported as success. Blocking: the resource runs it on a virtual thread.
 */
@ApplicationScoped
public class DeployService {

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMddHHmmss");

    private final DeployConfig config;
    private final FlyDeployer fly;
    private final GitHubActionsClient github;
    private final DeploymentHistory history;
    private final AuditLog audit;

    DeployService(DeployConfig config, FlyDeployer fly, GitHubActionsClient github, DeploymentHistory history, AuditLog audit) {
        this.config = config;
        this.fly = fly;
        this.github = github;
        this.history = history;
        this.audit = audit;
    }

    public DeployResult deploy(DeployRequest request, String user) {
        DeployConfig.Target target = config.targets().get(request.target());
        if (target == null) {
            throw new Failure.Invalid("Unknown target " + request.target() + "; configured: "
                    + String.join(", ", config.targets().keySet().stream().sorted().toList()));
        }
        DeployStrategy strategy = target.strategy();
        if (request.isRollback() && strategy == DeployStrategy.GITHUB) {
            throw new Failure.Invalid("Target " + request.target() + " deploys through GitHub Actions, which records no "
                    + "previous images: deploy the earlier version instead of rolling back");
        }
        requireCredentials(strategy);
        String app = config.appTemplate().orElse(DeployConfig.DEFAULT_APP_TEMPLATE).replace("{service}", request.service()).replace("{target}", request.target());
        String requested = request.versionOrLatest();
        String requestedImage = config.imageRepository().replace("{app}", app).replace("{service}", request.service())
                + (requested.startsWith("sha256:") ? "@" : ":") + requested;
        String version = requested;
        String image = requestedImage;
        String id = history.newId(request.service(), ZonedDateTime.now(ZoneOffset.UTC).format(STAMP));
        String url = "https://" + app + ".fly.dev";
        List<String> logs = new ArrayList<>();
        long start = System.nanoTime();
        String error = null;
        String runUrl = null;
        try {
            if (strategy == DeployStrategy.GITHUB) {
                runUrl = github.dispatch(config.githubRepository().orElseThrow(), request.target(), request.service(),
                        requested, logs).orElse(null);
            } else if (request.isRollback()) {
                Map<String, String> previous = history.previous(app).orElseThrow(() ->
                        new DeployException("No earlier deployment of " + app + " is recorded to roll back to"));
                // The result names what is restored, not "latest".
                image = String.join(", ", new java.util.LinkedHashSet<>(previous.values()));
                version = String.join(", ", previous.values().stream().map(DeployService::versionOf).distinct().toList());
                logs.add("Rolling " + app + " back to the images before its last deployment: " + image);
                history.rememberPrevious(app, fly.roll(app, machine -> previous.get(machine.id()), logs));
            } else {
                logs.add("Deploying " + requestedImage + " to " + app);
                history.rememberPrevious(app, fly.roll(app, machine -> requestedImage, logs));
            }
            logs.add("Deployment " + id + " succeeded");
        } catch (DeployException e) {
            error = e.getMessage();
        }
        DeployResult result = new DeployResult(error == null ? DeployResult.SUCCESS : DeployResult.ERROR, id, url,
                List.copyOf(logs), error, request.target(), request.service(), version, strategy.toString(), image, runUrl);
        history.save(result);
        audit.record(user, "deploy " + request.target() + " " + request.service() + " " + version
                + (request.isRollback() ? " rollback" : ""), request.service(), result.status(), null,
                (System.nanoTime() - start) / 1_000_000, error != null ? error : String.join("\n", logs));
        return result;
    }

    /** The tag or digest of an image reference: {@code 1.4.2} of {@code registry/app:1.4.2}. */
    static String versionOf(String image) {
        int at = image.lastIndexOf('@');
        if (at >= 0) {
            return image.substring(at + 1);
        }
        int colon = image.lastIndexOf(':');
        return colon > image.lastIndexOf('/') ? image.substring(colon + 1) : "latest";
    }

    public Optional<DeployResult> find(String id) {
        return history.find(id);
    }

    /** Fails, naming the variable, when the strategy's credentials are not configured; the clients add them to each call. */
    private void requireCredentials(DeployStrategy strategy) {
        switch (strategy) {
            case FLY -> config.flyApiToken().orElseThrow(() -> new Failure.MissingCredentials(
                    "FLY_API_TOKEN is not set: deployments with the Fly Machines API need it"));
            case GITHUB -> {
                config.githubToken().orElseThrow(() -> new Failure.MissingCredentials(
                        "GITHUB_TOKEN is not set: deployments through GitHub Actions need it"));
                if (config.githubRepository().filter(r -> r.matches("[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+")).isEmpty()) {
                    throw new Failure.MissingCredentials("GITHUB_REPOSITORY is not set to owner/name: deployments through GitHub Actions need it");
                }
            }
        }
    }
}
