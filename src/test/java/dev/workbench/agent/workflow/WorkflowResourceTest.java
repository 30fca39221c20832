package dev.workbench.agent.workflow;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import dev.workbench.support.FakeLlm;
import dev.workbench.support.FakeLlmResource;
import dev.workbench.support.Login;
import dev.workbench.support.RawHttp;
import dev.workbench.support.Sse;
import dev.workbench.support.ToolServicesResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Workflows from the test's agno-style YAML file ({@code feature}: architect, coder, reviewer) and
 * from configuration ({@code hotfix}: coder, tester), run against the stand-in providers.
 */
@QuarkusTest
@WithTestResource(value = ToolServicesResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = FakeLlmResource.class, scope = TestResourceScope.GLOBAL)
class WorkflowResourceTest {

    private final FakeLlm llm = FakeLlmResource.llm();

    @BeforeEach
    void reset() {
        llm.reset();
        ToolServicesResource.resetAll();
    }

    static Response execute(String name, String body) {
        var request = given().auth().oauth2(Login.adminToken());
        if (body != null) {
            request.contentType(ContentType.JSON).body(body);
        }
        return request.when().post("/agent/workflow/execute?name=" + name);
    }

    @Test
    void listAnswersEachWorkflowWithItsNumberOfSteps() {
        given().auth().oauth2(Login.adminToken()).when().get("/agent/workflow/list")
                .then().statusCode(200).contentType(ContentType.JSON)
                .body(equalTo("{\"workflows\":[{\"name\":\"feature\",\"description\":\"Design, build and review a feature\",\"steps\":3},"
                        + "{\"name\":\"hotfix\",\"description\":\"Fix and test\",\"steps\":2}]}"));
        given().when().get("/agent/workflow/list").then().statusCode(401);
    }

    @Test
    void aWorkflowStreamsItsStepsInTheOriginalsFramesAsAChain() {
        llm.script(
                FakeLlm.events(0, new FakeLlm.OpenAi().text("Guard ", "the null.").end("stop")),
                FakeLlm.events(0, new FakeLlm.OpenAi().text("Tests pass.").end("stop")));
        String stream = execute("hotfix", "{\"messages\":[{\"role\":\"user\",\"content\":\"NPE in login\"}],\"context\":{\"ticket\":\"T-7\"}}")
                .then().statusCode(200).contentType("text/event-stream").extract().asString();

        assertThat(Sse.normalized(stream)).isEqualTo("""
                event: open
                data: {}

                event: thinking
                data: {"text":"Running workflow: hotfix"}

                event: hb
                data: {}

                event: step_start
                data: {"index":0,"agent":"developer","action":"fix"}

                event: thinking
                data: {"text":"Analyzing request with developer agent..."}

                data: {"token":"Guard "}

                data: {"token":"the null."}

                data: {"content":"Guard the null."}

                event: step_end
                data: {"index":0,"status":"ok"}

                event: step_start
                data: {"index":1,"agent":"developer","action":"test"}

                event: thinking
                data: {"text":"Analyzing request with developer agent..."}

                data: {"token":"Tests pass."}

                data: {"content":"Tests pass."}

                event: step_end
                data: {"index":1,"status":"ok"}

                event: done
                data: {}

                event: end
                data: [DONE]

                """);
        // each step got the workflow's input; the second also the first's result
        assertThat(llm.received()).hasSize(2);
        JsonArray first = llm.received().get(0).body().getJsonArray("messages");
        assertThat(first.getJsonObject(0).getString("content")).contains("T-7");
        assertThat(first.getJsonObject(1).getString("content")).isEqualTo("NPE in login");
        assertThat(first.getJsonObject(2).getString("content"))
                .isEqualTo("Workflow 'hotfix' (Fix and test), step 1 of 2: fix\n\nKeep the change minimal.");
        JsonArray second = llm.received().get(1).body().getJsonArray("messages");
        assertThat(second.getJsonObject(second.size() - 1).getString("content")).isEqualTo(
                "Workflow 'hotfix' (Fix and test), step 2 of 2: test\n\nResults of the earlier steps:\n\nStep 1 (developer, fix):\nGuard the null.");
    }

    @Test
    void theFileMapsItsAgentsAndAFailingStepStopsTheWorkflow() {
        llm.script(
                FakeLlm.events(0, new FakeLlm.Anthropic().text("Design: one table.").end("end_turn")),
                FakeLlm.error(500, "{\"error\":{\"message\":\"model overloaded\",\"type\":\"server_error\"}}"));
        List<String[]> events = Sse.runEvents(execute("feature", null).then().statusCode(200).extract().asString());

        assertThat(events).extracting(e -> e[0]).containsExactly("thinking", "step_start", "thinking", "message", "message",
                "step_end", "step_start", "thinking", "error", "end");
        assertThat(events.get(1)[1]).isEqualTo("{\"index\":0,\"agent\":\"orchestrator\",\"action\":\"design\"}");
        assertThat(events.get(6)[1]).isEqualTo("{\"index\":1,\"agent\":\"developer\",\"action\":\"implement\"}");
        assertThat(new JsonObject(events.get(8)[1])).isEqualTo(new JsonObject()
                .put("error", "OpenAI answered HTTP 500: model overloaded").put("index", 1));
        assertThat(llm.received()).extracting(FakeLlm.Received::path).containsExactly("/v1/messages", "/v1/chat/completions");
    }

    @Test
    void anUnknownWorkflowIs404BeforeAnyStream() {
        execute("nope", null).then().statusCode(404).contentType(ContentType.JSON)
                .body("detail", equalTo("Workflow not found: nope"));
        given().auth().oauth2(Login.adminToken()).when().post("/agent/workflow/execute")
                .then().statusCode(422).body("detail", equalTo("The query parameter name is required: the workflow to run"));
        assertThat(llm.received()).isEmpty();
    }

    @Test
    void streamFalseAnswersEveryStepsResult() {
        llm.script(
                FakeLlm.events(0, new FakeLlm.OpenAi().text("Fixed.").end("stop")),
                FakeLlm.events(0, new FakeLlm.OpenAi().text("Green.").end("stop")));
        execute("hotfix", "{\"stream\":false}").then().statusCode(200).contentType(ContentType.JSON)
                .body(equalTo("{\"workflow\":\"hotfix\",\"status\":\"ok\",\"steps\":["
                        + "{\"index\":0,\"agent\":\"developer\",\"action\":\"fix\",\"status\":\"ok\",\"content\":\"Fixed.\"},"
                        + "{\"index\":1,\"agent\":\"developer\",\"action\":\"test\",\"status\":\"ok\",\"content\":\"Green.\"}]}"));

        llm.script(FakeLlm.error(429, "{\"error\":{\"message\":\"Rate limit reached\",\"type\":\"requests\"}}"));
        execute("hotfix", "{\"stream\":false}").then().statusCode(429)
                .body("status", equalTo("error"))
                .body("detail", equalTo("OpenAI answered HTTP 429: Rate limit reached"))
                .body("steps[0].error", equalTo("OpenAI answered HTTP 429: Rate limit reached"));
    }

    @Test
    void badBodiesAre422AndRunNothing() {
        execute("hotfix", "{\"messages\":[{\"role\":\"wizard\",\"content\":\"x\"}]}").then().statusCode(422);
        execute("hotfix", "{\"stream\":\"sometimes\"}").then().statusCode(422).body("detail", org.hamcrest.Matchers.containsString("stream"));
        execute("hotfix", "null").then().statusCode(422).body("detail", equalTo("The body must be a JSON object: {messages?, context?, stream?}"));
        execute("hotfix", "{\"stream\":false} {\"stream\":true}").then().statusCode(422);
        execute("hotfix", "{\"stream\":").then().statusCode(400).body("detail", equalTo("Malformed JSON body"));
        assertThat(llm.received()).isEmpty();
    }

    @Test
    void aClientThatGoesAwayStopsTheStepAndStartsNoOther() throws Exception {
        llm.script(FakeLlm.hangAfter(new FakeLlm.OpenAi().text("Working").unfinished()));
        try (Socket socket = RawHttp.openPost("/agent/workflow/execute?name=hotfix", "{}")) {
            RawHttp.readUntil(socket, "{\"token\":\"Working\"}");
        }
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> llm.closedEarly() == 1);
        Thread.sleep(300);
        assertThat(llm.received()).as("the second step never started").hasSize(1);
    }
}
