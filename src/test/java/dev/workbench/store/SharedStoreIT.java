package dev.workbench.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import dev.workbench.support.AppProcess;
import dev.workbench.support.FakeDeployApis;
import dev.workbench.support.FakeLlm;
import dev.workbench.support.PostgresCluster;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.vertx.core.Vertx;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two instances of the packaged application on different ports sharing one real PostgreSQL server
 * (a throwaway cluster), as two Fly machines share a Managed Postgres: login limits, deployments,
 * runs and the audit trail are the same from both, survive restarts of both, and a database that
 * goes away makes the instances unready and refuse commands and deploys until it is back.
 */
class SharedStoreIT {

    private static final String APP = "sophia-api-staging";
    private static final String PASSWORD = "test-password";

    private static Vertx vertx;
    private static PostgresCluster postgres;
    private static FakeDeployApis fly;
    private static FakeLlm llm;
    private static Path root;
    private static Path repo;

    @BeforeAll
    static void start() throws Exception {
        postgres = PostgresCluster.start();
        vertx = Vertx.vertx();
        fly = new FakeDeployApis(vertx);
        llm = new FakeLlm(vertx);
        root = Files.createTempDirectory("workbench-shared-store");
        repo = Files.createDirectories(root.resolve("repo"));
    }

    @AfterAll
    static void stop() throws Exception {
        if (postgres != null) {
            postgres.close();
        }
        if (vertx != null) {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }

    private static AppProcess instance(String name) throws Exception {
        Map<String, String> env = new HashMap<>();
        env.put("DATABASE_URL", postgres.databaseUrl());
        env.put("DATA_DIR", root.resolve("data-" + name).toString());
        env.put("JWT_SECRET_KEY", "a-shared-secret-for-both-instances-of-the-test");
        env.put("ADMIN_PASSWORD", PASSWORD);
        env.put("CLIENT_IP_HEADER", "X-Test-Client");
        env.put("FLY_API_TOKEN", "fly-test-token");
        env.put("FLY_API_URL", fly.url() + "/v1");
        env.put("ANTHROPIC_API_KEY", "sk-ant-test-key-for-the-store");
        env.put("ANTHROPIC_BASE_URL", llm.url());
        env.put("WORKBENCH_REPOSITORIES_API_PATH", repo.toString());
        env.put("WORKBENCH_REPOSITORIES_API_COMMANDS_BACKUP", "touch ran-marker");
        env.put("WORKBENCH_REPOSITORIES_API_COMMANDS_RESTORE", "printf 'before\\0after'");
        return new AppProcess(env, root.resolve("app-" + name + ".log")).start();
    }

    private static Response deploy(AppProcess app, String token, String body) {
        return app.admin(token).contentType(ContentType.JSON).body(body).post("/deploy");
    }

    @Test
    void twoInstancesShareLoginLimitsDeploymentsRunsAndTheAuditTrailAcrossRestarts() throws Exception {
        fly.reset();
        fly.app(APP, "registry.fly.io/sophia-api-staging:1.0.0", "m1", "m2");
        AppProcess a = instance("a");
        AppProcess b = instance("b");
        try {
            String token = a.login(PASSWORD);

            // Five failed logins on A use up the client's attempts on B as well.
            for (int i = 0; i < 5; i++) {
                a.given().header("X-Test-Client", "203.0.113.9").contentType(ContentType.JSON)
                        .body("{\"username\":\"ceo\",\"password\":\"wrong\"}").post("/auth/login").then().statusCode(401);
            }
            b.given().header("X-Test-Client", "203.0.113.9").contentType(ContentType.JSON)
                    .body("{\"username\":\"ceo\",\"password\":\"" + PASSWORD + "\"}").post("/auth/login").then().statusCode(429)
                    .header("Retry-After", org.hamcrest.Matchers.notNullValue())
                    .body("detail", containsString("Too many failed login attempts"));
            b.given().header("X-Test-Client", "203.0.113.10").contentType(ContentType.JSON)
                    .body("{\"username\":\"ceo\",\"password\":\"" + PASSWORD + "\"}").post("/auth/login").then().statusCode(200);

            // A deployment through A is visible through B.
            String first = deploy(a, token, "{\"target\":\"staging\",\"service\":\"api\",\"version\":\"1.1.0\"}").then()
                    .statusCode(200).body("status", equalTo("success")).extract().path("deployment_id");
            b.admin(token).get("/deploy/" + first).then().statusCode(200).body("status", equalTo("success"))
                    .body("version", equalTo("1.1.0"));

            // While A deploys, B refuses a deployment of the same app, naming A's.
            fly.pauseWaits();
            AppProcess deploying = a;
            CompletableFuture<Response> slow = CompletableFuture.supplyAsync(
                    () -> deploy(deploying, token, "{\"target\":\"staging\",\"service\":\"api\",\"version\":\"1.2.0\"}"));
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> fly.pausedWaitCount() == 1);
            String running = b.admin(token).get("/deploy?limit=1").then().statusCode(200)
                    .body("deployments[0].status", equalTo("running")).extract().path("deployments[0].deployment_id");
            deploy(b, token, "{\"target\":\"staging\",\"service\":\"api\",\"version\":\"1.3.0\"}").then().statusCode(409)
                    .body("detail", equalTo("Deployment " + running + " of " + APP + " is in progress; try again when it ends"));
            fly.resumeWaits();
            slow.get(20, TimeUnit.SECONDS).then().statusCode(200).body("status", equalTo("success"));
            assertThat(fly.image(APP, "m1")).isEqualTo("registry.fly.io/sophia-api-staging:1.2.0");

            // A run on B is listed on A.
            llm.script(FakeLlm.events(0, new FakeLlm.Anthropic().text("shared ", "state").end("end_turn")));
            b.admin(token).contentType(ContentType.JSON)
                    .body("{\"agent\":\"orchestrator\",\"stream\":false,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}")
                    .post("/agent/execute").then().statusCode(200).body("content", equalTo("shared state"));
            String run = a.admin(token).get("/agent/runs").then().statusCode(200)
                    .body("runs[0].status", equalTo("completed")).body("runs[0].agent", equalTo("orchestrator"))
                    .body("runs[0].models", equalTo(List.of("claude-sonnet-4-5")))
                    .body("runs[0].input_tokens", equalTo(25)).body("runs[0].output_tokens", equalTo(12))
                    .extract().path("runs[0].id");

            // Left "running" a day ago by a machine that stopped mid-way (a crash, not a SIGTERM).
            try (Connection connection = postgres.connect()) {
                connection.createStatement().execute("INSERT INTO agent_runs (id, started_at, record) VALUES ('run-abandoned', "
                        + "now() - interval '2 days', '{\"id\":\"run-abandoned\",\"kind\":\"agent\",\"agent\":\"developer\","
                        + "\"user\":\"ceo\",\"models\":[],\"status\":\"running\",\"started_at\":\"2026-11-25T10:00:00Z\","
                        + "\"input_tokens\":0,\"output_tokens\":0}')");
                connection.createStatement().execute("INSERT INTO agent_runs (id, started_at, record) VALUES ('run-recent', "
                        + "now(), '{\"id\":\"run-recent\",\"kind\":\"agent\",\"agent\":\"developer\","
                        + "\"user\":\"ceo\",\"models\":[],\"status\":\"running\",\"started_at\":\"2026-11-27T10:00:00Z\","
                        + "\"input_tokens\":0,\"output_tokens\":0}')");
            }

            // Both restarted: everything is still there, and a rollback through B uses what Fly kept.
            a.stop();
            b.stop();
            a = instance("a2");
            b = instance("b2");
            b.admin(token).get("/deploy/" + first).then().statusCode(200).body("status", equalTo("success"));
            a.admin(token).get("/agent/runs/" + run).then().statusCode(200).body("status", equalTo("completed"));
            a.admin(token).get("/agent/runs/run-abandoned").then().statusCode(200).body("status", equalTo("failed"))
                    .body("error", equalTo("The service stopped before this run ended"));
            a.admin(token).get("/agent/runs/run-recent").then().statusCode(200).body("status", equalTo("running"));
            List<String> commands = b.admin(token).get("/audit?limit=1000").then().statusCode(200)
                    .extract().jsonPath().getList("entries.command");
            assertThat(commands).contains("deploy staging api 1.1.0", "deploy staging api 1.2.0");
            deploy(b, token, "{\"target\":\"staging\",\"service\":\"api\",\"rollback\":true}").then().statusCode(200)
                    .body("status", equalTo("success")).body("version", equalTo("1.1.0"));
            assertThat(fly.image(APP, "m1")).isEqualTo("registry.fly.io/sophia-api-staging:1.1.0");
            assertThat(fly.image(APP, "m2")).isEqualTo("registry.fly.io/sophia-api-staging:1.1.0");
        } finally {
            fly.resumeWaits();
            a.close();
            b.close();
        }
    }

    @Test
    void theAuditTrailIsAppendOnlyInTheDatabase() throws Exception {
        AppProcess a = instance("append-only");
        try (Connection connection = postgres.connect()) {
            String token = a.login(PASSWORD);
            a.admin(token).contentType(ContentType.JSON).body("{\"command\":\"status\",\"service\":\"nowhere\"}")
                    .post("/command").then().statusCode(404);
            for (String change : List.of("UPDATE audit_log SET entry = '{}'", "DELETE FROM audit_log", "TRUNCATE audit_log")) {
                org.assertj.core.api.Assertions.assertThatThrownBy(() -> connection.createStatement().execute(change))
                        .as(change).isInstanceOf(SQLException.class).hasMessageContaining("the audit trail is append-only");
            }
            try (ResultSet rows = connection.createStatement().executeQuery("SELECT count(*) FROM audit_log")) {
                rows.next();
                assertThat(rows.getLong(1)).isPositive();
            }
            // PostgreSQL refuses U+0000 in jsonb; a command that prints one still has its outcome in the trail.
            a.admin(token).contentType(ContentType.JSON).body("{\"command\":\"restore\",\"service\":\"api\"}")
                    .post("/command").then().statusCode(200).body("status", equalTo("success"))
                    .body("output", equalTo("before\u0000after"));
            a.admin(token).get("/audit?limit=1000").then().statusCode(200)
                    .body("entries[-1].command", equalTo("restore")).body("entries[-1].status", equalTo("success"))
                    .body("entries[-1].output_preview", equalTo("before\ufffdafter"));
        } finally {
            a.close();
        }
    }

    @Test
    void aDatabaseThatGoesAwayMakesTheInstanceUnreadyAndRefusesCommandsAndDeploysUntilItIsBack() throws Exception {
        fly.reset();
        fly.app(APP, "registry.fly.io/sophia-api-staging:1.0.0", "m1");
        AppProcess a = instance("outage");
        Path marker = repo.resolve("ran-marker");
        Files.deleteIfExists(marker);
        try {
            String token = a.login(PASSWORD);
            a.given().get("/q/health/ready").then().statusCode(200);

            postgres.stop();
            try {
                Awaitility.await().atMost(Duration.ofSeconds(15)).until(() -> a.given().get("/q/health/ready").statusCode() == 503);
                a.given().get("/q/health/ready").then().body("status", equalTo("DOWN"));
                a.admin(token).contentType(ContentType.JSON).body("{\"command\":\"backup\",\"service\":\"api\"}")
                        .post("/command").then().statusCode(503).contentType(ContentType.JSON)
                        .body("detail", containsString("nothing was recorded"));
                assertThat(marker).as("not run without its audit line").doesNotExist();
                deploy(a, token, "{\"target\":\"staging\",\"service\":\"api\",\"version\":\"9.9.9\"}").then().statusCode(503)
                        .body("detail", containsString("nothing was recorded"));
                assertThat(fly.received()).as("no call reached Fly").isEmpty();
            } finally {
                postgres.begin();
            }

            Awaitility.await().atMost(Duration.ofSeconds(15)).until(() -> a.given().get("/q/health/ready").statusCode() == 200);
            a.admin(token).contentType(ContentType.JSON).body("{\"command\":\"backup\",\"service\":\"api\"}")
                    .post("/command").then().statusCode(200).body("status", equalTo("success"));
            assertThat(marker).exists();
            List<Map<String, Object>> entries = a.admin(token).get("/audit?limit=1000").then().statusCode(200)
                    .extract().jsonPath().getList("entries");
            assertThat(entries).extracting(e -> e.get("command") + " " + e.get("status"))
                    .endsWith("backup started", "backup success");
            deploy(a, token, "{\"target\":\"staging\",\"service\":\"api\",\"version\":\"1.4.0\"}").then().statusCode(200)
                    .body("status", equalTo("success"));
        } finally {
            a.close();
        }
    }
}
