package dev.workbench.support;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The Fly Machines API ({@code /v1/apps/...}) and the GitHub REST API ({@code /repos/...}) on
 * loopback, in the shapes their documentation gives: machines with whole configs, instance ids
 * that change on update, {@code /wait}, checks, leases (a held lease refuses another lease and any
 * update without its nonce, 409) and metadata kept in the machine's config (an update replaces it
 * with the config sent, as Fly's does); workflow dispatch, runs, deployments.
 */
public final class FakeDeployApis {

    /** One request as received: method, path with query, Authorization header, body. */
    public record Received(String method, String uri, String authorization, JsonObject body, String leaseNonce) {
    }

    /** A lease held on a machine. */
    public record Lease(String nonce, String description, long expiresAt) {
    }

    private final HttpServer server;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final Map<String, Map<String, JsonObject>> apps = new ConcurrentHashMap<>();
    /** Images that make a machine's checks critical once it runs them. */
    private final Set<String> badImages = ConcurrentHashMap.newKeySet();
    /** Machines whose checks go critical after their next update. */
    private final Set<String> badMachines = ConcurrentHashMap.newKeySet();
    private volatile int listStatus = 200;
    private final Map<String, Lease> leases = new ConcurrentHashMap<>();
    private final List<Runnable> pausedWaits = new CopyOnWriteArrayList<>();
    private volatile boolean waitsPaused;

    public FakeDeployApis(Vertx vertx) {
        Router router = Router.router(vertx);
        router.route().handler(BodyHandler.create());
        router.route().handler(ctx -> {
            received.add(new Received(ctx.request().method().name(), ctx.request().uri(), ctx.request().getHeader("Authorization"),
                    ctx.body().length() == 0 ? null : ctx.body().asJsonObject(), ctx.request().getHeader(NONCE)));
            ctx.next();
        });
        router.get("/v1/apps/:app/machines").handler(this::list);
        router.get("/v1/apps/:app/machines/:id").handler(ctx -> json(ctx, 200, machine(ctx)));
        router.post("/v1/apps/:app/machines/:id").handler(this::update);
        router.get("/v1/apps/:app/machines/:id/wait").handler(this::waitFor);
        router.post("/v1/apps/:app/machines/:id/lease").handler(this::acquireLease);
        router.get("/v1/apps/:app/machines/:id/lease").handler(this::showLease);
        router.delete("/v1/apps/:app/machines/:id/lease").handler(this::releaseLease);
        router.get("/v1/apps/:app/machines/:id/metadata").handler(ctx -> json(ctx, 200, metadataOf(machine(ctx))));
        router.post("/v1/apps/:app/machines/:id/metadata/:key").handler(ctx -> {
            metadataOf(machine(ctx)).put(ctx.pathParam("key"), ctx.body().asJsonObject().getString("value"));
            ctx.response().setStatusCode(204).end();
        });
        router.post("/repos/:owner/:repo/actions/workflows/:workflow/dispatches").handler(ctx -> ctx.response().setStatusCode(204).end());
        router.get("/repos/:owner/:repo/actions/workflows/:workflow/runs").handler(ctx -> json(ctx, 200, new JsonObject()
                .put("total_count", 1).put("workflow_runs", new JsonArray().add(new JsonObject().put("id", 4242)
                        .put("html_url", "https://github.com/acme/backend/actions/runs/4242")
                        .put("created_at", Instant.now().toString()).put("event", "workflow_dispatch")))));
        router.post("/repos/:owner/:repo/deployments").handler(ctx -> json(ctx, 201, new JsonObject().put("id", 77)));
        server = vertx.createHttpServer().requestHandler(router);
        server.listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().join();
    }

    public String url() {
        return "http://127.0.0.1:" + server.actualPort();
    }

    public void reset() {
        resumeWaits();
        leases.clear();
        received.clear();
        apps.clear();
        badImages.clear();
        badMachines.clear();
        listStatus = 200;
    }

    /** Creates an app whose machines all run {@code image}. */
    public void app(String app, String image, String... machineIds) {
        Map<String, JsonObject> machines = new ConcurrentHashMap<>();
        for (String id : machineIds) {
            machines.put(id, new JsonObject().put("id", id).put("name", "m-" + id).put("state", "started")
                    .put("region", "iad").put("instance_id", id + "-0")
                    .put("config", new JsonObject().put("image", image)
                            .put("guest", new JsonObject().put("cpu_kind", "shared").put("cpus", 1).put("memory_mb", 256))
                            .put("env", new JsonObject().put("ENVIRONMENT", "production"))
                            .put("services", new JsonArray().add(new JsonObject().put("internal_port", 8000))))
                    .put("checks", new JsonArray().add(new JsonObject().put("name", "http").put("status", "passing"))));
        }
        apps.put(app, machines);
    }

    public void failChecksOn(String image) {
        badImages.add(image);
    }

    /** The machine's checks go critical after its next update, whatever the image. */
    public void failChecksOnNextUpdateOf(String machine) {
        badMachines.add(machine);
    }

    public void failListing(int status) {
        listStatus = status;
    }

    public String image(String app, String machine) {
        return apps.get(app).get(machine).getJsonObject("config").getString("image");
    }

    /** The machine's metadata, as Fly keeps it: in its config. */
    public Map<String, Object> metadata(String app, String machine) {
        return metadataOf(apps.get(app).get(machine)).getMap();
    }

    /** The lease held on a machine, if any. */
    public Lease lease(String app, String machine) {
        return leases.get(app + "/" + machine);
    }

    /** Another operation (another machine's deployment, a {@code fly deploy}) holds a lease on the machine. */
    public void holdLease(String app, String machine, String description) {
        leases.put(app + "/" + machine, new Lease("other-nonce", description, Instant.now().getEpochSecond() + 300));
    }

    /** Sets a metadata key as another process would have (an earlier deployment from a machine since stopped). */
    public void setMetadata(String app, String machine, String key, String value) {
        metadataOf(apps.get(app).get(machine)).put(key, value);
    }

    /** Holds every {@code /wait} answer until {@link #resumeWaits}: a deployment stays in progress. */
    public void pauseWaits() {
        waitsPaused = true;
    }

    public void resumeWaits() {
        waitsPaused = false;
        pausedWaits.forEach(Runnable::run);
        pausedWaits.clear();
    }

    /** Requests waiting on a paused {@code /wait}. */
    public int pausedWaitCount() {
        return pausedWaits.size();
    }

    public List<Received> received() {
        return List.copyOf(received);
    }

    private void list(RoutingContext ctx) {
        if (listStatus != 200) {
            json(ctx, listStatus, new JsonObject().put("error", "unauthorized"));
            return;
        }
        JsonArray machines = new JsonArray();
        apps.getOrDefault(ctx.pathParam("app"), Map.of()).values().stream()
                .sorted((a, b) -> a.getString("id").compareTo(b.getString("id"))).forEach(machines::add);
        ctx.response().putHeader("Content-Type", "application/json").end(machines.encode());
    }

    private JsonObject machine(RoutingContext ctx) {
        return apps.get(ctx.pathParam("app")).get(ctx.pathParam("id"));
    }

    private static final String NONCE = "fly-machine-lease-nonce";

    private static JsonObject metadataOf(JsonObject machine) {
        JsonObject config = machine.getJsonObject("config");
        if (config.getJsonObject("metadata") == null) {
            config.put("metadata", new JsonObject());
        }
        return config.getJsonObject("metadata");
    }

    /** The lease on the machine of {@code ctx}, when one is held and not expired. */
    private Lease held(RoutingContext ctx) {
        String key = ctx.pathParam("app") + "/" + ctx.pathParam("id");
        Lease lease = leases.get(key);
        if (lease != null && lease.expiresAt() < Instant.now().getEpochSecond()) {
            leases.remove(key, lease);
            return null;
        }
        return lease;
    }

    private void acquireLease(RoutingContext ctx) {
        Lease lease = held(ctx);
        if (lease != null && !lease.nonce().equals(ctx.request().getHeader(NONCE))) {
            json(ctx, 409, new JsonObject().put("error", "lease currently held"));
            return;
        }
        JsonObject body = ctx.body().asJsonObject();
        Lease granted = new Lease(java.util.UUID.randomUUID().toString().replace("-", ""), body.getString("description", ""),
                Instant.now().getEpochSecond() + body.getLong("ttl", 30L));
        leases.put(ctx.pathParam("app") + "/" + ctx.pathParam("id"), granted);
        json(ctx, 200, leaseBody(granted));
    }

    private static JsonObject leaseBody(Lease lease) {
        return new JsonObject().put("status", "success").put("data", new JsonObject().put("nonce", lease.nonce())
                .put("expires_at", lease.expiresAt()).put("owner", "deployer@example.com")
                .put("description", lease.description()).put("version", "01JXYZ"));
    }

    private void showLease(RoutingContext ctx) {
        Lease lease = held(ctx);
        if (lease == null) {
            json(ctx, 404, new JsonObject().put("error", "lease not found"));
            return;
        }
        json(ctx, 200, leaseBody(lease));
    }

    private void releaseLease(RoutingContext ctx) {
        Lease lease = held(ctx);
        if (lease == null || !lease.nonce().equals(ctx.request().getHeader(NONCE))) {
            json(ctx, lease == null ? 404 : 409, new JsonObject().put("error", lease == null ? "lease not found" : "lease nonce mismatch"));
            return;
        }
        leases.remove(ctx.pathParam("app") + "/" + ctx.pathParam("id"), lease);
        json(ctx, 200, new JsonObject().put("status", "success"));
    }

    private void update(RoutingContext ctx) {
        JsonObject machine = machine(ctx);
        Lease lease = held(ctx);
        if (lease != null && !lease.nonce().equals(ctx.request().getHeader(NONCE))) {
            json(ctx, 409, new JsonObject().put("error", "machine is leased; the lease nonce is required"));
            return;
        }
        JsonObject config = ctx.body().asJsonObject().getJsonObject("config");
        int generation = Integer.parseInt(machine.getString("instance_id").split("-")[1]) + 1;
        machine.put("config", config).put("instance_id", machine.getString("id") + "-" + generation);
        boolean bad = badImages.contains(config.getString("image")) || badMachines.remove(machine.getString("id"));
        machine.put("checks", new JsonArray().add(new JsonObject().put("name", "http").put("status", bad ? "critical" : "passing")));
        json(ctx, 200, machine);
    }

    private void waitFor(RoutingContext ctx) {
        if (waitsPaused) {
            pausedWaits.add(() -> ctx.vertx().runOnContext(v -> waitFor(ctx)));
            return;
        }
        JsonObject machine = machine(ctx);
        boolean current = machine.getString("instance_id").equals(ctx.queryParams().get("instance_id"));
        json(ctx, current ? 200 : 400, new JsonObject().put("ok", current));
    }

    private static void json(RoutingContext ctx, int status, JsonObject body) {
        ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json").end(body.encode());
    }
}
