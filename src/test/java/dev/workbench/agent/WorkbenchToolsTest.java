package dev.workbench.agent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.workbench.command.CommandsProfile;
import dev.workbench.deploy.DeployProfile;
import dev.workbench.support.CommandsAndDeploysProfile;
import dev.workbench.support.FakeDeployApis;
import dev.workbench.support.FakeDeployApisResource;
import dev.workbench.support.FakeLlm;
import dev.workbench.support.FakeLlmResource;
import dev.workbench.support.RawHttp;
import dev.workbench.support.Sse;
import dev.workbench.support.ToolServicesResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.Socket;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The backend's own tools in agent runs: commands under the policy and audit of {@code /command},
 * deploys (enabled here with {@code AGENT_ALLOW_DEPLOYS}) through the Fly Machines stand-in, and
 * system health. The model is the OpenAI-compatible stand-in; runs answer with {@code stream:false}.
 */
@QuarkusTest
@TestProfile(CommandsAndDeploysProfile.class)
@WithTestResource(value = ToolServicesResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = FakeLlmResource.class, scope = TestResourceScope.GLOBAL)
class WorkbenchToolsTest {

    private final FakeLlm llm = FakeLlmResource.llm();
    private final FakeDeployApis apis = FakeDeployApisResource.apis();

    @BeforeEach
    void reset() {
        llm.reset();
        apis.reset();
        ToolServicesResource.resetAll();
    }

    /** The model calls {@code tool} with {@code arguments}, then answers "Done."; returns the run's JSON answer. */
    private JsonPath runWithToolCall(String agent, String tool, String arguments) {
        llm.script(
                FakeLlm.events(0, new FakeLlm.OpenAi().toolCall(0, "call_1", tool, arguments).end("tool_calls")),
                FakeLlm.events(0, new FakeLlm.OpenAi().text("Done.").end("stop")));
        JsonPath answer = Sse.execute("{\"agent\":\"" + agent + "\",\"stream\":false,"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"go\"}]}").then().statusCode(200).extract().jsonPath();
        assertThat(answer.getString("content")).isEqualTo("Done.");
        return answer;
    }

    /** The tool result the model received in its second request. */
    private JsonObject toolMessageSentBack() {
        assertThat(llm.received()).hasSize(2);
        JsonArray messages = llm.received().get(1).body().getJsonArray("messages");
        return messages.getJsonObject(messages.size() - 1);
    }

    private static List<JsonObject> audit() throws IOException {
        return Files.exists(CommandsProfile.AUDIT)
                ? Files.readAllLines(CommandsProfile.AUDIT).stream().map(JsonObject::new).toList() : List.of();
    }

    private JsonObject offeredSchema(String tool) {
        JsonArray tools = llm.received().get(0).body().getJsonArray("tools");
        return tools.stream().map(t -> ((JsonObject) t).getJsonObject("function"))
                .filter(f -> f.getString("name").equals(tool)).findFirst().orElseThrow().getJsonObject("parameters");
    }

    private List<String> offeredTools(int request) {
        JsonArray tools = llm.received().get(request).body().getJsonArray("tools");
        return tools.stream().map(t -> ((JsonObject) t).getJsonObject("function").getString("name")).toList();
    }

    @Test
    void theDeveloperRunsARepositoryCommandAndItIsAuditedInTheAdminsName() throws Exception {
        int before = audit().size();
        JsonPath answer = runWithToolCall("developer", "run_command", "{\"service\":\"api\",\"command\":\"git status\"}");

        assertThat(offeredTools(0)).contains("run_command").doesNotContain("deploy");
        // The model is told which repositories exist.
        assertThat(offeredSchema("run_command").getJsonObject("properties").getJsonObject("service").getJsonArray("enum"))
                .containsExactly("api");
        assertThat(answer.getString("tool_calls[0].name")).isEqualTo("run_command");
        JsonObject result = new JsonObject(answer.getString("tool_calls[0].result"));
        assertThat(result.getString("status")).isEqualTo("success");
        assertThat(result.getInteger("exit_code")).isZero();
        assertThat(result.getString("output")).contains("On branch main");
        assertThat(toolMessageSentBack().getString("role")).isEqualTo("tool");
        assertThat(toolMessageSentBack().getString("content")).contains("On branch main");

        // One entry before it ran, one of its outcome.
        List<JsonObject> audit = audit();
        assertThat(audit).hasSize(before + 2);
        assertThat(audit.get(before).getString("status")).isEqualTo("started");
        assertThat(audit.get(before).getString("command")).isEqualTo("git status");
        JsonObject line = audit.get(before + 1);
        assertThat(line.getString("user")).isEqualTo("ceo (agent developer)");
        assertThat(line.getString("command")).isEqualTo("git status");
        assertThat(line.getString("status")).isEqualTo("success");
    }

    @Test
    void aHostileCommandFromTheModelIsRefusedAuditedAndNeverRuns() throws Exception {
        int before = audit().size();
        JsonPath answer = runWithToolCall("developer", "run_command",
                new JsonObject().put("service", "api").put("command", "touch " + CommandsProfile.MARKER).encode());

        JsonObject refused = new JsonObject(answer.getString("tool_calls[0].error"));
        assertThat(refused.getString("status")).isEqualTo("forbidden");
        assertThat(refused.getString("error")).contains("ALLOW_FULL_PRIVILEGE_COMMANDS");
        assertThat(answer.getString("tool_calls[0].result")).isNull();
        assertThat(CommandsProfile.nothingRan()).isTrue();
        assertThat(audit()).hasSize(before + 1);
        assertThat(audit().get(before).getString("status")).isEqualTo("forbidden");
    }

    @Test
    void anAbbreviatedOptionFromTheModelIsForbiddenAndNothingRuns() throws Exception {
        int before = audit().size();
        JsonPath answer = runWithToolCall("developer", "run_command", new JsonObject().put("service", "api")
                .put("command", "git push").put("args", new io.vertx.core.json.JsonArray()
                        .add("--rece=touch " + CommandsProfile.MARKER).add("planted").add("main")).encode());

        JsonObject refused = new JsonObject(answer.getString("tool_calls[0].error"));
        assertThat(refused.getString("status")).isEqualTo("forbidden");
        assertThat(refused.getString("error")).contains("'--rece=touch " + CommandsProfile.MARKER + "'");
        assertThat(CommandsProfile.nothingRan()).isTrue();
        assertThat(audit()).hasSize(before + 1);
        assertThat(audit().get(before).getString("status")).isEqualTo("forbidden");
    }

    @Test
    void commandArgumentsAreValidatedLikeTheEndpointsBody() throws Exception {
        int before = audit().size();
        JsonPath answer = runWithToolCall("developer", "run_command", "{\"service\":\"api\",\"args\":\"status\"}");

        assertThat(answer.getString("tool_calls[0].error")).startsWith("Invalid arguments:");
        assertThat(audit()).hasSize(before);
    }

    @Test
    void anUnknownRepositoryComesBackToTheModelAsAnError() {
        JsonPath answer = runWithToolCall("developer", "run_command", "{\"service\":\"../etc\",\"command\":\"git status\"}");

        assertThat(answer.getString("tool_calls[0].error")).isEqualTo("Service ../etc not found");
    }

    @Test
    void theInfrastructureAgentDeploysThroughTheFlyMachinesApi() throws Exception {
        apis.app("sophia-api-staging", "registry.fly.io/sophia-api-staging:1.0.0", "m1");
        int before = audit().size();
        JsonPath answer = runWithToolCall("infrastructure", "deploy",
                "{\"target\":\"staging\",\"service\":\"api\",\"version\":\"1.1.0\"}");

        assertThat(offeredTools(0)).contains("deploy", "run_command", "system_health");
        assertThat(offeredSchema("deploy").getJsonObject("properties").getJsonObject("target").getJsonArray("enum"))
                .containsExactly("production", "staging");
        JsonObject result = new JsonObject(answer.getString("tool_calls[0].result"));
        assertThat(result.getString("status")).isEqualTo("success");
        assertThat(result.getString("deployment_id")).matches("deploy-api-\\d{14}");
        assertThat(apis.image("sophia-api-staging", "m1")).isEqualTo("registry.fly.io/sophia-api-staging:1.1.0");
        assertThat(apis.received()).allSatisfy(r -> assertThat(r.authorization()).isEqualTo("Bearer " + DeployProfile.FLY_TOKEN));
        JsonObject line = audit().get(before);
        assertThat(line.getString("user")).isEqualTo("ceo (agent infrastructure)");
        assertThat(line.getString("command")).isEqualTo("deploy staging api 1.1.0");
        assertThat(toolMessageSentBack().getString("content")).doesNotContain(DeployProfile.FLY_TOKEN);
    }

    @Test
    void aDeployWithAHostileNameReachesNoApi() {
        JsonPath answer = runWithToolCall("infrastructure", "deploy",
                "{\"target\":\"staging\",\"service\":\"api/../../v1/apps/other\",\"version\":\"1.1.0\"}");

        assertThat(answer.getString("tool_calls[0].error")).startsWith("Invalid arguments: service must be lower-case");
        assertThat(apis.received()).isEmpty();
    }

    @Test
    void stoppingTheRunKillsARunningCommand() throws Exception {
        // "migrate" is configured as a shell that sleeps for minutes; the profile's timeout is 2 s.
        llm.script(FakeLlm.events(0, new FakeLlm.OpenAi().toolCall(0, "call_1", "run_command",
                "{\"service\":\"api\",\"command\":\"migrate\"}").end("tool_calls")));
        int before = audit().size();
        try (Socket socket = RawHttp.openPost("/agent/execute",
                "{\"agent\":\"developer\",\"messages\":[{\"role\":\"user\",\"content\":\"migrate\"}]}")) {
            RawHttp.readUntil(socket, "tool_start");
        }
        // Killed because the client left: the 2 s timeout would have recorded "timeout" instead.
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> audit().size() == before + 2);
        assertThat(audit().get(before).getString("status")).isEqualTo("started");
        assertThat(audit().get(before + 1).getString("status")).isEqualTo("cancelled");
        assertThat(audit().get(before + 1).getString("command")).isEqualTo("migrate");
    }

    @Test
    void theMonitorReadsSystemHealth() {
        ToolServicesResource.service("vector").answer(503, "application/json", "{\"status\":\"starting\"}");
        JsonPath answer = runWithToolCall("monitor", "system_health", "{}");

        JsonObject health = new JsonObject(answer.getString("tool_calls[0].result"));
        assertThat(health.getString("status")).isEqualTo("degraded");
        assertThat(health.getJsonObject("services").getJsonObject("memory").getString("status")).isEqualTo("online");
        assertThat(health.getJsonObject("services").getJsonObject("vector").getString("status")).isEqualTo("degraded");
    }
}
