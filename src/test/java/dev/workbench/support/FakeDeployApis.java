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
 * that change on update, {@code /wait}, checks; workflow dispatch, runs, deployments.
 */
public final class FakeDeployApis {

    /** One request as received: method, path with query, Authorization header, body. */
    public record Received(String method, String uri, String authorization, JsonObject body) {
    }

    private final HttpServer server;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final Map<String, Map<String, JsonObject>> apps = new ConcurrentHashMap<>();
    /** Images that make a machine's checks critical once it runs them. */
    private final Set<String> badImages = ConcurrentHashMap.newKeySet();
    /** Machines whose checks go critical after their next update. */
    private final Set<String> badMachines = ConcurrentHashMap.newKeySet();
    private volatile int listStatus = 200;

    public FakeDeployApis(Vertx vertx) {
        Router router = Router.router(vertx);
        router.route().handler(BodyHandler.create());
        router.route().handler(ctx -> {
            received.add(new Received(ctx.request().method().name(), ctx.request().uri(), ctx.request().getHeader("Authorization"),
                    ctx.body().length() == 0 ? null : ctx.body().asJsonObject()));
            ctx.next();
        });
        router.get("/v1/apps/:app/machines").handler(this::list);
        router.get("/v1/apps/:app/machines/:id").handler(ctx -> json(ctx, 200, machine(ctx)));
        router.post("/v1/apps/:app/machines/:id").handler(this::update);
        router.get("/v1/apps/:app/machines/:id/wait").handler(this::waitFor);
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

    private void update(RoutingContext ctx) {
        JsonObject machine = machine(ctx);
        JsonObject config = ctx.body().asJsonObject().getJsonObject("config");
        int generation = Integer.parseInt(machine.getString("instance_id").split("-")[1]) + 1;
        machine.put("config", config).put("instance_id", machine.getString("id") + "-" + generation);
        boolean bad = badImages.contains(config.getString("image")) || badMachines.remove(machine.getString("id"));
        machine.put("checks", new JsonArray().add(new JsonObject().put("name", "http").put("status", bad ? "critical" : "passing")));
        json(ctx, 200, machine);
    }

    private void waitFor(RoutingContext ctx) {
        JsonObject machine = machine(ctx);
        boolean current = machine.getString("instance_id").equals(ctx.queryParams().get("instance_id"));
        json(ctx, current ? 200 : 400, new JsonObject().put("ok", current));
    }

    private static void json(RoutingContext ctx, int status, JsonObject body) {
        ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json").end(body.encode());
    }
}
