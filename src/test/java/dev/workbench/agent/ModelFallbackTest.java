package dev.workbench.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import dev.workbench.support.FakeLlm;
import dev.workbench.support.FakeLlmResource;
import dev.workbench.support.Sse;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Model fallback and the task router ({@code ENABLE_PORTKEY}). The orchestrator (Anthropic) falls back to Ollama, which the test profile points at a closed port,
 * then to an OpenAI-compatible model; all three stand-ins are real HTTP (or a refused connection).
 */
@QuarkusTest
@TestProfile(ModelFallbackTest.Fallbacks.class)
class ModelFallbackTest {

    public static class Fallbacks implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("workbench.agents.orchestrator.fallbacks", "ollama:llama3.2,openai:gpt-4.1-mini",
                    "workbench.llm.retry-budget", "1s", "workbench.router.enabled", "true",
                    "workbench.router.tasks.code", "openai:gpt-4.1-mini",
                    "workbench.router.default-models", "ollama:llama3.2,anthropic:claude-haiku-4-5");
        }
    }

    private final FakeLlm llm = FakeLlmResource.llm();

    @BeforeEach
    void reset() {
        llm.reset();
    }

    private static FakeLlm.Reply rateLimited(String retryAfter) {
        return (request, vertx) -> request.response().setStatusCode(429).putHeader("Retry-After", retryAfter)
                .putHeader("Content-Type", "application/json")
                .end("{\"type\":\"error\",\"error\":{\"type\":\"rate_limit_error\",\"message\":\"slow down\"}}");
    }

    private static List<String[]> run() {
        return Sse.runEvents(Sse.execute("{\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}")
                .then().statusCode(200).extract().asString());
    }

    private static String text(String[] event) {
        return new JsonObject(event[1]).getString("text");
    }

    @Test
    void aServerErrorThenARefusedConnectionHandTheRunToTheNextModels() {
        llm.script(FakeLlm.error(503, "{\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"Overloaded\"}}"),
                FakeLlm.events(0, new FakeLlm.OpenAi().text("Hello from ", "the fallback.").end("stop")));
        List<String[]> events = run();
        assertThat(events).extracting(e -> e[0]).containsExactly("thinking", "thinking", "thinking", "message", "message", "message", "end");
        assertThat(text(events.get(1))).isEqualTo("Anthropic answered HTTP 503: Overloaded; llama3.2 takes over");
        assertThat(text(events.get(2))).startsWith("Ollama connection failed: ").endsWith("; gpt-4.1-mini takes over");
        assertThat(new JsonObject(events.get(5)[1]).getString("content")).isEqualTo("Hello from the fallback.");
        assertThat(llm.received()).extracting(FakeLlm.Received::path).containsExactly("/v1/messages", "/v1/chat/completions");
        assertThat(llm.received().get(1).body().getString("model")).isEqualTo("gpt-4.1-mini");
    }

    @Test
    void theJsonAnswerNamesTheModelThatAnswered() {
        llm.script(FakeLlm.error(500, "{\"type\":\"error\",\"error\":{\"type\":\"api_error\",\"message\":\"boom\"}}"),
                FakeLlm.events(0, new FakeLlm.OpenAi().text("Fine.").end("stop")));
        Sse.execute("{\"stream\":false,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}")
                .then().statusCode(200).body("model", equalTo("gpt-4.1-mini")).body("content", equalTo("Fine."));
    }

    @Test
    void aRateLimitWithinTheBudgetIsWaitedOutOnTheSameModel() {
        llm.script(rateLimited("1"), FakeLlm.events(0, new FakeLlm.Anthropic().text("After the wait.").end("end_turn")));
        long start = System.nanoTime();
        List<String[]> events = run();
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertThat(text(events.get(1))).isEqualTo("Anthropic answered HTTP 429: slow down; retry after 1s; trying claude-sonnet-4-5 again in 1 s");
        assertThat(llm.received()).extracting(FakeLlm.Received::path).containsExactly("/v1/messages", "/v1/messages");
        assertThat(took).isGreaterThanOrEqualTo(Duration.ofSeconds(1));
        assertThat(new JsonObject(events.get(events.size() - 2)[1]).getString("content")).isEqualTo("After the wait.");
    }

    @Test
    void aRateLimitBeyondTheBudgetGoesToTheNextModels() {
        llm.script(rateLimited("30"), FakeLlm.events(0, new FakeLlm.OpenAi().text("Elsewhere.").end("stop")));
        List<String[]> events = run();
        assertThat(text(events.get(1))).isEqualTo("Anthropic answered HTTP 429: slow down; retry after 30s; llama3.2 takes over");
        assertThat(llm.received()).extracting(FakeLlm.Received::path).containsExactly("/v1/messages", "/v1/chat/completions");
    }

    @Test
    void aModelSilentBeforeItsFirstEventHandsOverAfterLlmTimeout() {
        // headers, then nothing: the test profile's LLM_TIMEOUT (5 s) passes before any event
        llm.script(FakeLlm.hangAfter(List.of()), FakeLlm.events(0, new FakeLlm.OpenAi().text("Awake.").end("stop")));
        List<String[]> events = run();
        assertThat(text(events.get(1))).isEqualTo("Anthropic went silent: no data for 5s (LLM_TIMEOUT); llama3.2 takes over");
        assertThat(new JsonObject(events.get(events.size() - 2)[1]).getString("content")).isEqualTo("Awake.");
        assertThat(llm.received()).extracting(FakeLlm.Received::path).containsExactly("/v1/messages", "/v1/chat/completions");
    }

    @Test
    void aRefusedRequestIsNotRetriedElsewhere() {
        llm.script(FakeLlm.error(400, "{\"type\":\"error\",\"error\":{\"type\":\"invalid_request_error\",\"message\":\"bad request\"}}"));
        List<String[]> events = run();
        assertThat(events).extracting(e -> e[0]).containsExactly("thinking", "error", "end");
        assertThat(llm.received()).hasSize(1);
    }

    @Test
    void onceTokensHaveArrivedAFailureIsTheRunsAndNoOtherModelTakesOver() {
        llm.script(FakeLlm.dropAfter(new FakeLlm.Anthropic().text("Half an ").unfinished()));
        List<String[]> events = run();
        assertThat(events).extracting(e -> e[0]).containsExactly("thinking", "message", "error", "end");
        assertThat(llm.received()).hasSize(1);
    }

    private static io.restassured.response.Response route(String body) {
        return io.restassured.RestAssured.given().auth().oauth2(dev.workbench.support.Login.adminToken())
                .contentType(io.restassured.http.ContentType.JSON).body(body).when().post("/agent/router");
    }

    @Test
    void theRouterSendsATaskToItsModel() {
        llm.script(FakeLlm.events(0, new FakeLlm.OpenAi().text("def f(): pass").end("stop")));
        route("{\"task\":\"code\",\"prompt\":\"Write f\"}").then().statusCode(200)
                .body(equalTo("{\"content\":\"def f(): pass\",\"model\":\"gpt-4.1-mini\"}"));
        JsonObject sent = llm.received().get(0).body();
        assertThat(sent.getString("model")).isEqualTo("gpt-4.1-mini");
        assertThat(sent.getJsonArray("messages").getJsonObject(sent.getJsonArray("messages").size() - 1).getString("content"))
                .isEqualTo("Write f");
        assertThat(sent.getJsonArray("tools")).as("no tools for the router").isNullOrEmpty();
    }

    @Test
    void theRouterFallsBackToTheDefaultModels() {
        // code's own model fails, Ollama's port is closed, the default Anthropic model answers
        llm.script(FakeLlm.error(502, "{\"error\":{\"message\":\"bad gateway\",\"type\":\"server_error\"}}"),
                FakeLlm.events(0, new FakeLlm.Anthropic().text("From Claude.").end("end_turn")));
        route("{\"task\":\"code\",\"prompt\":\"Write f\"}").then().statusCode(200)
                .body("model", equalTo("claude-haiku-4-5")).body("content", equalTo("From Claude."));
        assertThat(llm.received()).extracting(FakeLlm.Received::path).containsExactly("/v1/chat/completions", "/v1/messages");

        llm.reset();
        llm.script(FakeLlm.events(0, new FakeLlm.Anthropic().text("Default.").end("end_turn")));
        route("{\"task\":\"poetry\",\"prompt\":\"A haiku\"}").then().statusCode(200).body("model", equalTo("claude-haiku-4-5"));

        llm.reset();
        llm.script(FakeLlm.error(500, "{\"type\":\"error\",\"error\":{\"type\":\"api_error\",\"message\":\"down\"}}"));
        route("{\"prompt\":\"hi\"}").then().statusCode(502).body("detail", equalTo("Anthropic answered HTTP 500: down"));
    }

    @Test
    void badRouterBodiesAre422AndCallNoModel() {
        route("{\"task\":\"code\"}").then().statusCode(422).body("detail", org.hamcrest.Matchers.containsString("prompt"));
        route("{\"task\":\"../etc\",\"prompt\":\"x\"}").then().statusCode(422).body("detail", org.hamcrest.Matchers.containsString("task"));
        assertThat(llm.received()).isEmpty();
    }
}
