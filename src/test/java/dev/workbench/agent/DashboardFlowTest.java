package dev.workbench.agent;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import dev.workbench.support.FakeLlm;
import dev.workbench.support.FakeLlmResource;
import dev.workbench.support.RawHttp;
import dev.workbench.support.Sse;
import dev.workbench.support.ToolServicesResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.net.Socket;
import java.time.Duration;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * The dashboard's calls, in the order a user makes them: log in, read health, list workflows, run
 * one, run an agent, press Stop. Each asserts the frames the dashboard's reader takes.
 */
@QuarkusTest
@WithTestResource(value = ToolServicesResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = FakeLlmResource.class, scope = TestResourceScope.GLOBAL)
class DashboardFlowTest {

    @Test
    void aSessionFromLoginToStop() throws Exception {
        FakeLlm llm = FakeLlmResource.llm();
        llm.reset();
        ToolServicesResource.resetAll();

        String token = given().contentType(ContentType.JSON).header("X-Test-Client", "dashboard-flow")
                .body("{\"username\":\"ceo\",\"password\":\"test-password\"}")
                .when().post("/auth/login").then().statusCode(200).body("token_type", equalTo("bearer"))
                .extract().path("access_token");

        given().when().get("/health").then().statusCode(200)
                .body("services.memory.status", equalTo("online")).body("timestamp", notNullValue());

        given().auth().oauth2(token).when().get("/agent/workflow/list").then().statusCode(200)
                .body("workflows.name", org.hamcrest.Matchers.hasItems("feature", "hotfix"));

        llm.script(FakeLlm.events(0, new FakeLlm.OpenAi().text("Fixed.").end("stop")),
                FakeLlm.events(0, new FakeLlm.OpenAi().text("Tested.").end("stop")));
        String workflow = given().auth().oauth2(token).when().post("/agent/workflow/execute?name=hotfix")
                .then().statusCode(200).contentType("text/event-stream").extract().asString();
        assertThat(Sse.runEvents(workflow)).extracting(e -> e[0]).containsExactly("thinking", "step_start", "thinking", "message",
                "message", "step_end", "step_start", "thinking", "message", "message", "step_end", "end");
        assertThat(workflow).doesNotContain("[DATA]").contains("event: done\ndata: {}\n\nevent: end\ndata: [DONE]\n\n");

        llm.script(FakeLlm.events(0, new FakeLlm.Anthropic().text("All ", "green.").end("end_turn")));
        String run = given().auth().oauth2(token).contentType(ContentType.JSON)
                .body("{\"agent\":\"orchestrator\",\"messages\":[{\"role\":\"user\",\"content\":\"status?\"}]}")
                .when().post("/agent/execute").then().statusCode(200).extract().asString();
        assertThat(Sse.runEvents(run)).extracting(e -> e[0]).containsExactly("thinking", "message", "message", "message", "end");

        // Stop: the dashboard aborts its fetch mid-stream; the provider's stream is closed at once
        llm.script(FakeLlm.hangAfter(new FakeLlm.Anthropic().text("Thinking hard").unfinished()));
        try (Socket socket = RawHttp.openPost("/agent/execute", "{\"messages\":[{\"role\":\"user\",\"content\":\"long task\"}]}")) {
            String opened = RawHttp.readUntil(socket, "{\"token\":\"Thinking hard\"}");
            assertThat(opened).contains("event: open\ndata: {}\n\n");
        }
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> llm.closedEarly() == 1);
    }
}
