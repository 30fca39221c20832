package dev.workbench.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import dev.workbench.support.AppProcess;
import dev.workbench.support.FakeDeployApis;
import dev.workbench.support.FakeLlm;
import io.restassured.http.ContentType;
import io.vertx.core.Vertx;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The packaged application with the embedded store (no DATABASE_URL): deployments, the audit trail
 * and runs are in DATA_DIR's files after a restart, and files whose last line a crash tore load
 * everything before it.
 */
class EmbeddedStoreIT {

    @Test
    void deploymentsAuditAndRunsSurviveARestartAndATornLastLine() throws Exception {
        Vertx vertx = Vertx.vertx();
        FakeDeployApis fly = new FakeDeployApis(vertx);
        FakeLlm llm = new FakeLlm(vertx);
        fly.app("sophia-api-staging", "registry.fly.io/sophia-api-staging:1.0.0", "m1");
        Path root = Files.createTempDirectory("workbench-embedded");
        Path data = root.resolve("data");
        Map<String, String> env = Map.of("DATA_DIR", data.toString(), "ADMIN_PASSWORD", "test-password",
                "FLY_API_TOKEN", "fly-test-token", "FLY_API_URL", fly.url() + "/v1",
                "ANTHROPIC_API_KEY", "sk-ant-test-key-for-the-store", "ANTHROPIC_BASE_URL", llm.url());
        AppProcess app = new AppProcess(env, root.resolve("app.log")).start();
        try {
            String token = app.login("test-password");
            String deployment = app.admin(token).contentType(ContentType.JSON)
                    .body("{\"target\":\"staging\",\"service\":\"api\",\"version\":\"1.1.0\"}").post("/deploy").then()
                    .statusCode(200).body("status", equalTo("success")).extract().path("deployment_id");
            llm.script(FakeLlm.events(0, new FakeLlm.Anthropic().text("kept").end("end_turn")));
            app.admin(token).contentType(ContentType.JSON)
                    .body("{\"stream\":false,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}").post("/agent/execute")
                    .then().statusCode(200);
            String run = app.admin(token).get("/agent/runs").then().extract().path("runs[0].id");

            // A second process on the same DATA_DIR would write to files this one compacts away: it refuses to start.
            ProcessBuilder second = new ProcessBuilder(AppProcess.command()).redirectErrorStream(true);
            second.environment().putAll(env);
            second.environment().put("PORT", "0");
            Process refused = second.start();
            String output = new String(refused.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            assertThat(refused.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(refused.exitValue()).as(output).isNotZero();
            assertThat(output).contains("The embedded store in DATA_DIR=" + data + " cannot be opened (another process uses it");
            app.stop();
            assertThat(data.resolve("audit.jsonl")).as("AUDIT_LOG defaults to DATA_DIR/audit.jsonl").exists();

            // A crash tore the last line of two files.
            Files.writeString(data.resolve("audit.jsonl"), "{\"timestamp\":\"2026-11-", StandardOpenOption.APPEND);
            Files.writeString(data.resolve("runs.jsonl"), "{\"id\":\"run-", StandardOpenOption.APPEND);

            app = new AppProcess(env, root.resolve("app-2.log")).start();
            token = app.login("test-password");
            app.admin(token).get("/deploy/" + deployment).then().statusCode(200).body("status", equalTo("success"))
                    .body("version", equalTo("1.1.0"));
            app.admin(token).get("/deploy").then().statusCode(200).body("deployments[0].deployment_id", equalTo(deployment));
            app.admin(token).get("/agent/runs/" + run).then().statusCode(200).body("status", equalTo("completed"));
            List<String> statuses = app.admin(token).get("/audit").then().statusCode(200).extract().jsonPath()
                    .getList("entries.status");
            assertThat(statuses).containsExactly("started", "success");
            assertThat(app.log()).contains("audit.jsonl: its last line is torn").contains("runs.jsonl: its last line is torn");
        } finally {
            app.close();
            vertx.close().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
        }
    }
}
