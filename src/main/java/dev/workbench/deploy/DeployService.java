package dev.workbench.deploy;

import dev.workbench.common.Failure;
import dev.workbench.common.AuditLog;
import dev.workbench.common.ShutdownSignal;
import jakarta.enterprise.context.ApplicationScoped;
import dev.workbench.store.Store;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Deploys a service to a target with the target's strategy, records it in the {@link Store} and
 * audits it. A refused request (unknown target, missing credentials, a deployment of the same app in
 * progress) attempts nothing; an audit entry and a record in the store come before the first step,
 * and a store that cannot write them refuses the deployment; a failed step is never reported as
 * success. Blocking: the resource runs it on a virtual thread.
 */
@ApplicationScoped
public class DeployService {

    private static final org.jboss.logging.Logger LOG = org.jboss.logging.Logger.getLogger(DeployService.class);
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMddHHmmss");

    private final DeployConfig config;
    private final FlyDeployer fly;
    private final GitHubActionsClient github;
    private final Store store;
    private final AuditLog audit;
    /** This machine's deployments in progress, by app; other machines' are refused by their Fly leases. */
    private final Map<String, String> inProgress = new ConcurrentHashMap<>();

    private final ShutdownSignal shutdown;

    DeployService(DeployConfig config, FlyDeployer fly, GitHubActionsClient github, Store store, AuditLog audit,
            ShutdownSignal shutdown) {
        this.shutdown = shutdown;
        this.config = config;
        this.fly = fly;
        this.github = github;
        this.store = store;
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
        if (shutdown.isShuttingDown()) {
            throw new Failure.Unavailable(ShutdownSignal.MESSAGE);
        }
        Instant created = Instant.now();
        String id = freeId(request.service(), created);
        String running = inProgress.putIfAbsent(app, id);
        if (running != null) {
            throw refused(request, user, new Failure.Conflict("Deployment " + running + " of " + app
                    + " is in progress; try again when it ends"));
        }
        try {
            if (strategy == DeployStrategy.GITHUB) {
                return run(request, user, app, id, created, strategy, null, null);
            }
            FlyDeployer.Session session;
            try {
                session = fly.open(app, id);
            } catch (Failure.Conflict leasedElsewhere) {
                throw refused(request, user, leasedElsewhere);
            } catch (DeployException unreachable) {
                // Recorded like any failed step: the app's machines could not be listed or leased.
                return run(request, user, app, id, created, strategy, null, unreachable.getMessage());
            }
            try (session) {
                return run(request, user, app, id, created, strategy, session, null);
            }
        } finally {
            inProgress.remove(app, id);
        }
    }

    /**
     * The deployment, recorded before its first step and after its last; {@code session} holds the Fly
     * machines, and {@code failedToOpen} says why there is none for a Fly target.
     */
    private DeployResult run(DeployRequest request, String user, String app, String id, Instant created, DeployStrategy strategy,
            FlyDeployer.Session session, String failedToOpen) {
        String requested = request.versionOrLatest();
        String requestedImage = config.imageRepository().replace("{app}", app).replace("{service}", request.service())
                + (requested.startsWith("sha256:") ? "@" : ":") + requested;
        String url = "https://" + app + ".fly.dev";
        audit.record(user, auditLine(request, requested), request.service(), AuditLog.STARTED, null, 0, id);
        DeployResult started = new DeployResult(RUNNING, id, url, List.of(), null, request.target(), request.service(),
                requested, strategy.toString(), requestedImage, null);
        if (!store.createDeployment(started, created)) {
            throw new Failure.Conflict("Deployment " + id + " was just created by another request; try again");
        }
        String version = requested;
        String image = requestedImage;
        List<String> logs = new ArrayList<>();
        long start = System.nanoTime();
        String error = null;
        String runUrl = null;
        try {
            if (failedToOpen != null) {
                throw new DeployException(failedToOpen);
            } else if (session == null) {
                runUrl = github.dispatch(config.githubRepository().orElseThrow(), request.target(), request.service(),
                        requested, logs).orElse(null);
            } else if (request.isRollback()) {
                Map<String, String> previous = session.previousImages();
                if (previous.isEmpty()) {
                    throw new DeployException("No earlier deployment of " + app + " is recorded to roll back to");
                }
                // The result names what is restored, not "latest".
                image = String.join(", ", new LinkedHashSet<>(previous.values()));
                version = String.join(", ", previous.values().stream().map(DeployService::versionOf).distinct().toList());
                logs.add("Rolling " + app + " back to the images before its last deployment: " + image);
                session.roll(machine -> previous.get(machine.id()), logs);
            } else {
                logs.add("Deploying " + requestedImage + " to " + app);
                session.roll(machine -> requestedImage, logs);
            }
            logs.add("Deployment " + id + " succeeded");
        } catch (DeployException e) {
            error = e.getMessage();
        }
        DeployResult result = new DeployResult(error == null ? DeployResult.SUCCESS : DeployResult.ERROR, id, url,
                List.copyOf(logs), error, request.target(), request.service(), version, strategy.toString(), image, runUrl);
        // It ran, and its start is recorded: each end is written if it can be, and the caller learns how it ended.
        try {
            store.finishDeployment(result);
        } catch (Failure.Unavailable unwritable) {
            LOG.errorf("The end of deployment %s (%s) is not in the store: it cannot write", id, result.status());
        }
        try {
            audit.record(user, auditLine(request, version), request.service(), result.status(), null,
                    (System.nanoTime() - start) / 1_000_000, error != null ? error : String.join("\n", logs));
        } catch (Failure.Unavailable unwritable) {
            LOG.errorf("The end of deployment %s (%s) is not in the audit trail: the store cannot write", id, result.status());
        }
        return result;
    }

    /** A deployment refused before it began (another one holds the app) is audited as such, then refused. */
    private Failure refused(DeployRequest request, String user, Failure.Conflict conflict) {
        audit.record(user, auditLine(request, request.versionOrLatest()), request.service(), "conflict", null, 0,
                conflict.getMessage());
        return conflict;
    }

    private static String auditLine(DeployRequest request, String version) {
        return "deploy " + request.target() + " " + request.service() + " " + version + (request.isRollback() ? " rollback" : "");
    }

    /** {@code deploy-<service>-<stamp>}, with {@code -2}, {@code -3}... when the store or a deployment starting here has it. */
    private String freeId(String service, Instant created) {
        String base = "deploy-" + service + "-" + STAMP.format(created.atZone(ZoneOffset.UTC));
        String id = base;
        for (int n = 2; inProgress.containsValue(id) || store.deployment(id).isPresent(); n++) {
            id = base + "-" + n;
        }
        return id;
    }

    /** A deployment's status while it runs. */
    public static final String RUNNING = "running";

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
        return store.deployment(id);
    }

    /** Deployments newest first. */
    public List<DeployResult> list(int offset, int limit) {
        return store.deployments(offset, limit);
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
