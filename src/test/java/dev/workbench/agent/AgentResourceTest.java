package dev.workbench.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import dev.workbench.support.FakeLlm;
import dev.workbench.support.FakeLlmResource;
import dev.workbench.support.FakeToolService;
import dev.workbench.support.RawHttp;
import dev.workbench.support.Sse;
import dev.workbench.support.ToolServicesResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Agent runs against a stand-in provider that streams each wire format chunk by chunk, and
 * stand-in tool services. The test profile allows 3 tool rounds.
 */
@QuarkusTest
@WithTestResource(value = ToolServicesResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = FakeLlmResource.class, scope = TestResourceScope.GLOBAL)
class AgentResourceTest {

    private static final String ANALYZING = "event: open\ndata: {}\n\n"
            + "event: thinking\ndata: {\"text\":\"Analyzing request with %s agent...\"}\n\n";
    private static final String END = "event: done\ndata: {}\n\nevent: end\ndata: [DONE]\n\n";

    private final FakeLlm llm = FakeLlmResource.llm();

    @BeforeEach
    void reset() {
        llm.reset();
        ToolServicesResource.resetAll();
    }

    @Test
    void aPlainAnswerStreamsTokenByTokenInTheOriginalsFrames() {
        llm.script(FakeLlm.events(20, new FakeLlm.Anthropic().text("Hel", "lo", " world").end("end_turn")));
        String stream = Sse.execute("""
                {"agent":"orchestrator","messages":[{"role":"user","content":"Say hello"}]}""")
                .then().statusCode(200)
                .contentType("text/event-stream")
                .header("Cache-Control", "no-cache, no-store")
                .extract().asString();

        assertThat(Sse.normalized(stream)).isEqualTo(ANALYZING.formatted("orchestrator")
                + "data: {\"token\":\"Hel\"}\n\n"
                + "data: {\"token\":\"lo\"}\n\n"
                + "data: {\"token\":\" world\"}\n\n"
                + "data: {\"content\":\"Hello world\"}\n\n"
                + END);
    }

    @Test
    void theWholeConversationAndContextGoToAnthropicInItsFormat() {
        llm.script(FakeLlm.events(0, new FakeLlm.Anthropic().text("ok").end("end_turn")));
        Sse.execute("""
                {"messages":[
                  {"role":"system","content":"Answer in French."},
                  {"role":"user","content":"first question"},
                  {"role":"assistant","content":"first answer"},
                  {"role":"user","content":"second question","metadata":{"ui":"x"}}],
                 "context":{"project":"workbench","branch":"main"}}""").then().statusCode(200);

        FakeLlm.Received request = llm.received().get(0);
        assertThat(request.path()).isEqualTo("/v1/messages");
        assertThat(request.headers().get("x-api-key")).isEqualTo(FakeLlmResource.ANTHROPIC_KEY);
        assertThat(request.headers().get("anthropic-version")).isEqualTo("2023-06-01");
        JsonObject body = request.body();
        assertThat(body.getString("model")).isEqualTo("claude-sonnet-4-5");
        assertThat(body.getBoolean("stream")).isTrue();
        assertThat(body.getString("system")).startsWith("You are the orchestrator")
                .contains("Answer in French.").contains("\"project\":\"workbench\"");
        JsonArray messages = body.getJsonArray("messages");
        assertThat(messages.stream().map(m -> ((JsonObject) m).getString("role")).toList())
                .containsExactly("user", "assistant", "user");
        assertThat(messages.getJsonObject(2).getJsonArray("content").getJsonObject(0).getString("text"))
                .isEqualTo("second question");
        assertThat(body.getJsonArray("tools").stream().map(t -> ((JsonObject) t).getString("name")).toList())
                .contains("memory_search", "fs_read", "git_status").doesNotContain("ask_developer");
    }

    @Test
    void aToolCallWithFragmentedArgumentsRunsAndItsResultGoesBackToTheModel() {
        ToolServicesResource.service("filesystem").answer(200, "application/json", "{\"content\":\"class Main {}\"}");
        llm.script(
                FakeLlm.events(10, new FakeLlm.OpenAi().toolCall(0, "call_1", "fs_read", "{\"pa", "th\": \"src/Ma", "in.java\"}")
                        .end("tool_calls")),
                FakeLlm.events(10, new FakeLlm.OpenAi().text("It is ", "empty.").end("stop")));

        String stream = Sse.execute("""
                {"agent":"developer","messages":[{"role":"user","content":"What is in Main?"}]}""")
                .then().statusCode(200).extract().asString();

        assertThat(Sse.normalized(stream)).isEqualTo(ANALYZING.formatted("developer")
                + "event: tool_start\ndata: {\"id\":\"call_1\",\"name\":\"fs_read\",\"arguments\":{\"path\":\"src/Main.java\"}}\n\n"
                + "event: tool_end\ndata: {\"id\":\"call_1\",\"name\":\"fs_read\",\"result\":\"{\\\"content\\\":\\\"class Main {}\\\"}\",\"duration_ms\":0}\n\n"
                + "data: {\"token\":\"It is \"}\n\n"
                + "data: {\"token\":\"empty.\"}\n\n"
                + "data: {\"content\":\"It is empty.\"}\n\n"
                + END);

        FakeToolService.Received toolRequest = ToolServicesResource.service("filesystem").received().get(0);
        assertThat(toolRequest.method()).isEqualTo("GET");
        assertThat(toolRequest.uri()).isEqualTo("/read?path=src%2FMain.java");
        assertThat(toolRequest.headers().get("Authorization")).isNull();

        assertThat(llm.received()).hasSize(2);
        FakeLlm.Received first = llm.received().get(0);
        assertThat(first.path()).isEqualTo("/v1/chat/completions");
        assertThat(first.headers().get("Authorization")).isEqualTo("Bearer " + FakeLlmResource.OPENAI_KEY);
        JsonArray second = llm.received().get(1).body().getJsonArray("messages");
        JsonObject assistant = second.getJsonObject(second.size() - 2);
        assertThat(assistant.getString("role")).isEqualTo("assistant");
        JsonObject call = assistant.getJsonArray("tool_calls").getJsonObject(0);
        assertThat(call.getString("id")).isEqualTo("call_1");
        assertThat(new JsonObject(call.getJsonObject("function").getString("arguments")).getString("path")).isEqualTo("src/Main.java");
        JsonObject toolResult = second.getJsonObject(second.size() - 1);
        assertThat(toolResult.getString("role")).isEqualTo("tool");
        assertThat(toolResult.getString("tool_call_id")).isEqualTo("call_1");
        assertThat(toolResult.getString("content")).isEqualTo("{\"content\":\"class Main {}\"}");
    }

    @Test
    void anthropicReasoningIsRelayedAsThinkingAndReplayedWithItsSignature() {
        llm.script(
                FakeLlm.events(0, new FakeLlm.Anthropic().thinking("sig-123", "Let me check ", "the repo.")
                        .toolUse("toolu_1", "git_status", "{", "}").end("tool_use")),
                FakeLlm.events(0, new FakeLlm.Anthropic().text("Clean.").end("end_turn")));

        List<String[]> events = Sse.runEvents(Sse.execute("""
                {"messages":[{"role":"user","content":"Is the tree clean?"}]}""").then().statusCode(200).extract().asString());

        assertThat(events).extracting(e -> e[0]).containsExactly(
                "thinking", "thinking", "thinking", "tool_start", "tool_end", "message", "message", "end");
        assertThat(events.get(1)[1]).isEqualTo("{\"text\":\"Let me check \"}");
        assertThat(events.get(2)[1]).isEqualTo("{\"text\":\"the repo.\"}");
        assertThat(ToolServicesResource.service("git").received()).extracting(FakeToolService.Received::uri)
                .containsExactly("/status");

        JsonArray replay = llm.received().get(1).body().getJsonArray("messages");
        JsonArray assistant = replay.getJsonObject(1).getJsonArray("content");
        assertThat(assistant.getJsonObject(0).getString("type")).isEqualTo("thinking");
        assertThat(assistant.getJsonObject(0).getString("signature")).isEqualTo("sig-123");
        assertThat(assistant.getJsonObject(0).getString("thinking")).isEqualTo("Let me check the repo.");
        assertThat(assistant.getJsonObject(1).getString("type")).isEqualTo("tool_use");
        assertThat(assistant.getJsonObject(1).getString("id")).isEqualTo("toolu_1");
        JsonObject result = replay.getJsonObject(2).getJsonArray("content").getJsonObject(0);
        assertThat(result.getString("type")).isEqualTo("tool_result");
        assertThat(result.getString("tool_use_id")).isEqualTo("toolu_1");
        assertThat(result.getBoolean("is_error")).isFalse();
    }

    @Test
    void openAiCompatibleReasoningDeltasAreRelayedAsThinking() {
        llm.script(FakeLlm.events(0, new FakeLlm.OpenAi().reasoning("Hmm, ", "simple.").text("Yes.").end("stop")));
        List<String[]> events = Sse.runEvents(Sse.execute("""
                {"agent":"monitor","messages":[{"role":"user","content":"ok?"}]}""").then().extract().asString());
        assertThat(events).extracting(e -> e[0]).containsExactly("thinking", "thinking", "thinking", "message", "message", "end");
        assertThat(events.get(1)[1]).isEqualTo("{\"text\":\"Hmm, \"}");
    }

    @Test
    void deploysAreNotOfferedToAgentsUnlessEnabled() {
        llm.script(
                FakeLlm.events(0, new FakeLlm.OpenAi().toolCall(0, "call_1", "deploy",
                        "{\"target\":\"staging\",\"service\":\"api\"}").end("tool_calls")),
                FakeLlm.events(0, new FakeLlm.OpenAi().text("I cannot deploy.").end("stop")));

        Sse.execute("""
                {"agent":"infrastructure","stream":false,"messages":[{"role":"user","content":"Deploy api"}]}""")
                .then().statusCode(200)
                .body("tool_calls[0].name", equalTo("deploy"))
                .body("tool_calls[0].error", equalTo("Tool deploy is not available to this agent"));

        JsonArray offered = llm.received().get(0).body().getJsonArray("tools");
        assertThat(offered.stream().map(t -> ((JsonObject) t).getJsonObject("function").getString("name")))
                .contains("system_health").doesNotContain("deploy");
    }

    @Test
    void streamFalseAnswersOneJsonObject() {
        ToolServicesResource.service("memory").answer(200, "application/json", "{\"hits\":[\"fly\"]}");
        llm.script(
                FakeLlm.events(0, new FakeLlm.Anthropic().toolUse("toolu_9", "memory_search", "{\"q\":\"deploy\"}").end("tool_use")),
                FakeLlm.events(0, new FakeLlm.Anthropic().text("We deploy on ", "Fly.").end("end_turn")));

        Sse.execute("""
                {"agent":"orchestrator","stream":false,"messages":[{"role":"user","content":"Where do we deploy?"}]}""")
                .then().statusCode(200)
                .contentType(ContentType.JSON)
                .body("agent", equalTo("orchestrator"))
                .body("model", equalTo("claude-sonnet-4-5"))
                .body("content", equalTo("We deploy on Fly."))
                .body("tool_calls[0].id", equalTo("toolu_9"))
                .body("tool_calls[0].name", equalTo("memory_search"))
                .body("tool_calls[0].arguments.q", equalTo("deploy"))
                .body("tool_calls[0].result", equalTo("{\"hits\":[\"fly\"]}"))
                // Two calls of 25 in and 12 out: message_delta's count is the message's total, not more.
                .body("usage.input_tokens", equalTo(50))
                .body("usage.output_tokens", equalTo(24));
        assertThat(ToolServicesResource.service("memory").received()).extracting(FakeToolService.Received::uri)
                .containsExactly("/search?q=deploy");
    }

    @Test
    void aFailingToolGoesBackToTheModelAsAnErrorAndTheRunGoesOn() {
        ToolServicesResource.service("git").answer(500, "text/plain", "git exploded");
        llm.script(
                FakeLlm.events(0, new FakeLlm.Anthropic().toolUse("toolu_2", "git_log", "{\"limit\":3}").end("tool_use")),
                FakeLlm.events(0, new FakeLlm.Anthropic().text("The log is unavailable.").end("end_turn")));
        List<String[]> events = Sse.runEvents(Sse.execute("""
                {"messages":[{"role":"user","content":"Show the log"}]}""").then().extract().asString());
        String toolEnd = events.stream().filter(e -> e[0].equals("tool_end")).findFirst().orElseThrow()[1];
        assertThat(new JsonObject(toolEnd).getString("error")).isEqualTo("HTTP 500 from git: git exploded");
        assertThat(events.get(events.size() - 2)[1]).isEqualTo("{\"content\":\"The log is unavailable.\"}");
        JsonObject result = llm.received().get(1).body().getJsonArray("messages").getJsonObject(2)
                .getJsonArray("content").getJsonObject(0);
        assertThat(result.getBoolean("is_error")).isTrue();
    }

    @Test
    void aToolAnswerGrowingPastTheCapIsAnErrorForTheModelNotAPartialResult() {
        // Chunked, so no declared length: the read stops at the test profile's 64 KiB.
        ToolServicesResource.service("git").answerWith((request, body) -> {
            var response = request.response().setChunked(true).putHeader("Content-Type", "application/json");
            for (int i = 0; i < 100; i++) {
                response.write("x".repeat(1024));
            }
            response.end();
        });
        llm.script(
                FakeLlm.events(0, new FakeLlm.Anthropic().toolUse("toolu_3", "git_log", "{\"limit\":3}").end("tool_use")),
                FakeLlm.events(0, new FakeLlm.Anthropic().text("Too much log.").end("end_turn")));
        List<String[]> events = Sse.runEvents(Sse.execute("""
                {"messages":[{"role":"user","content":"Show the log"}]}""").then().extract().asString());
        String toolEnd = events.stream().filter(e -> e[0].equals("tool_end")).findFirst().orElseThrow()[1];
        assertThat(new JsonObject(toolEnd).getString("error")).isEqualTo("Service git answered with more than 65536 bytes");
        JsonObject result = llm.received().get(1).body().getJsonArray("messages").getJsonObject(2)
                .getJsonArray("content").getJsonObject(0);
        assertThat(result.getBoolean("is_error")).isTrue();
        assertThat(result.encode()).doesNotContain("xxxx");
    }

    @Test
    void anUnknownAgentFallsBackToTheOrchestratorAndSaysSo() {
        llm.script(FakeLlm.events(0, new FakeLlm.Anthropic().text("hi").end("end_turn")));
        List<String[]> events = Sse.runEvents(Sse.execute("""
                {"agent":"wizard","messages":[{"role":"user","content":"hi"}]}""").then().statusCode(200).extract().asString());
        assertThat(events.get(0)[1]).isEqualTo(
                "{\"text\":\"Unknown agent 'wizard', using orchestrator. Analyzing request with orchestrator agent...\"}");
        assertThat(llm.received().get(0).path()).isEqualTo("/v1/messages");
    }

    @Test
    void providerErrorsBecomeOneErrorEventWithTheProvidersMessageThenEnd() {
        llm.script(FakeLlm.error(401, "{\"type\":\"error\",\"error\":{\"type\":\"authentication_error\",\"message\":\"invalid x-api-key\"}}"));
        assertThat(Sse.normalized(Sse.execute("""
                {"messages":[{"role":"user","content":"hi"}]}""").then().statusCode(200).extract().asString()))
                .isEqualTo(ANALYZING.formatted("orchestrator")
                        + "event: error\ndata: {\"error\":\"Anthropic answered HTTP 401: invalid x-api-key\"}\n\n" + END)
                .doesNotContain(FakeLlmResource.ANTHROPIC_KEY);

        llm.script(FakeLlm.error(429, "{\"error\":{\"message\":\"Rate limit reached for gpt-4.1\",\"type\":\"requests\"}}"));
        assertThat(Sse.execute("""
                {"agent":"developer","messages":[{"role":"user","content":"hi"}]}""").then().extract().asString())
                .contains("event: error\ndata: {\"error\":\"OpenAI answered HTTP 429: Rate limit reached for gpt-4.1\"}")
                .endsWith(END);

        llm.script(FakeLlm.error(500, "{\"error\":{\"message\":\"overloaded\"}}"));
        Sse.execute("""
                {"stream":false,"messages":[{"role":"user","content":"hi"}]}""")
                .then().statusCode(502).contentType(ContentType.JSON)
                .body("detail", equalTo("Anthropic answered HTTP 500: overloaded"));
    }

    @Test
    void aConnectionDroppedMidStreamEndsWithAnErrorAfterTheTokensSoFar() {
        llm.script(FakeLlm.dropAfter(new FakeLlm.OpenAi().text("partial ", "answer").unfinished()));
        List<String[]> events = Sse.runEvents(Sse.execute("""
                {"agent":"developer","messages":[{"role":"user","content":"hi"}]}""").then().statusCode(200).extract().asString());
        assertThat(events).extracting(e -> e[0]).containsExactly("thinking", "message", "message", "error", "end");
        assertThat(events.get(1)[1]).isEqualTo("{\"token\":\"partial \"}");
        assertThat(new JsonObject(events.get(3)[1]).getString("error")).startsWith("OpenAI");
        assertThat(events.get(4)[1]).isEqualTo("[DONE]");
    }

    @Test
    void aRateLimitedProvidersRetryAfterReachesTheCaller() {
        FakeLlm.Reply limited = (request, vertx) -> request.response().setStatusCode(429).putHeader("Retry-After", "7")
                .putHeader("Content-Type", "application/json").end("{\"error\":{\"message\":\"Rate limit reached\"}}");
        llm.script(limited);
        Sse.execute("""
                {"agent":"developer","stream":false,"messages":[{"role":"user","content":"hi"}]}""")
                .then().statusCode(429).header("Retry-After", "7")
                .body("detail", equalTo("OpenAI answered HTTP 429: Rate limit reached; retry after 7s"));
        llm.script(limited);
        assertThat(Sse.execute("""
                {"agent":"developer","messages":[{"role":"user","content":"hi"}]}""").then().extract().asString())
                .contains("event: error\ndata: {\"error\":\"OpenAI answered HTTP 429: Rate limit reached; retry after 7s\"}");
    }

    @Test
    void anOpenAiStreamThatEndsWithoutDoneIsAnErrorNotAnAnswer() {
        llm.script(FakeLlm.events(0, new FakeLlm.OpenAi().text("partial ", "answer").unfinished()));
        List<String[]> events = Sse.runEvents(Sse.execute("""
                {"agent":"developer","messages":[{"role":"user","content":"hi"}]}""").then().statusCode(200).extract().asString());
        assertThat(events).extracting(e -> e[0]).containsExactly("thinking", "message", "message", "error", "end");
        assertThat(new JsonObject(events.get(3)[1]).getString("error"))
                .isEqualTo("OpenAI's stream ended early, without [DONE]; the partial answer is discarded");
        assertThat(events).noneMatch(e -> e[1].contains("\"content\""));

        llm.script(FakeLlm.events(0, new FakeLlm.OpenAi().text("partial ", "answer").unfinished()));
        Sse.execute("""
                {"agent":"developer","stream":false,"messages":[{"role":"user","content":"hi"}]}""")
                .then().statusCode(502).body("detail", equalTo("OpenAI's stream ended early, without [DONE]; the partial answer is discarded"));
    }

    @Test
    void anAnthropicStreamThatEndsWithoutMessageStopIsAnError() {
        llm.script(FakeLlm.events(0, new FakeLlm.Anthropic().text("partial ", "answer").unfinished()));
        Sse.execute("""
                {"stream":false,"messages":[{"role":"user","content":"hi"}]}""")
                .then().statusCode(502)
                .body("detail", equalTo("Anthropic's stream ended early, without message_stop; the partial answer is discarded"));
    }

    @Test
    void aProviderThatStallsAfterThreeTokensIsAnErrorOneTimeoutLater() throws Exception {
        // The test profile's LLM_TIMEOUT is 5s; AGENT_MAX_DURATION is far longer.
        llm.script(FakeLlm.hangAfter(new FakeLlm.OpenAi().text("one ", "two ", "three").unfinished()));
        try (java.net.Socket socket = RawHttp.openPost("/agent/execute", """
                {"agent":"developer","messages":[{"role":"user","content":"hi"}]}""")) {
            socket.setSoTimeout(30_000);
            String head = RawHttp.readUntil(socket, "{\"token\":\"three\"}");
            long lastToken = System.nanoTime();
            String rest = RawHttp.readUntil(socket, "event: end");
            java.time.Duration took = java.time.Duration.ofNanos(System.nanoTime() - lastToken);
            assertThat(head).contains("{\"token\":\"one \"}", "{\"token\":\"two \"}");
            assertThat(rest).contains("event: error\ndata: {\"error\":\"OpenAI went silent: no data for 5s (LLM_TIMEOUT)\"}");
            assertThat(took).isBetween(java.time.Duration.ofMillis(4_900), java.time.Duration.ofSeconds(20));
            // the stand-in sees the close on its own event loop, maybe after the client read the error
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(5)).until(() -> llm.closedEarly() == 1);
            System.out.println("provider stall after 3 tokens to its error, LLM_TIMEOUT=5s: " + took.toMillis() + " ms");
        }
    }

    @Test
    void aMalformedChunkIsAnError() {
        llm.script(FakeLlm.events(0, List.of("event: content_block_delta\ndata: {not json\n\n")));
        assertThat(Sse.execute("""
                {"messages":[{"role":"user","content":"hi"}]}""").then().extract().asString())
                .contains("event: error\ndata: {\"error\":\"Anthropic sent a malformed chunk\"}").endsWith(END);
    }

    @Test
    void theToolRoundLimitEndsTheRunWithAnError() {
        for (int i = 0; i < 4; i++) {
            llm.script(FakeLlm.events(0, new FakeLlm.Anthropic().toolUse("toolu_" + i, "git_status", "{}").end("tool_use")));
        }
        List<String[]> events = Sse.runEvents(Sse.execute("""
                {"messages":[{"role":"user","content":"loop"}]}""").then().extract().asString());
        assertThat(events.get(events.size() - 2)[0]).isEqualTo("error");
        assertThat(events.get(events.size() - 2)[1]).contains("more than 3 times").contains("AGENT_MAX_TOOL_ROUNDS");
        assertThat(events.get(events.size() - 1)[0]).isEqualTo("end");
        assertThat(ToolServicesResource.service("git").received()).hasSize(3);
    }

    @Test
    void theToolsFieldNarrowsTheToolSet() {
        llm.script(FakeLlm.events(0, new FakeLlm.Anthropic().text("ok").end("end_turn")));
        Sse.execute("""
                {"tools":["git_log","fs_read"],"messages":[{"role":"user","content":"hi"}]}""").then().statusCode(200);
        assertThat(llm.received().get(0).body().getJsonArray("tools").stream().map(t -> ((JsonObject) t).getString("name")).toList())
                .containsExactly("fs_read", "git_log");
    }

    @Test
    void badRequestsAre422BeforeAnythingRuns() {
        Sse.execute("""
                {"tools":["git_log","rm_rf"],"messages":[{"role":"user","content":"hi"}]}""")
                .then().statusCode(422).contentType(ContentType.JSON).body("detail", containsString("rm_rf"));
        Sse.execute("{\"messages\":[]}").then().statusCode(422).body("detail", containsString("messages"));
        Sse.execute("{\"messages\":[{\"role\":\"wizard\",\"content\":\"x\"}]}").then().statusCode(422)
                .body("detail", containsString("role"));
        Sse.execute("{\"messages\":[{\"role\":\"system\",\"content\":\"x\"}]}").then().statusCode(422)
                .body("detail", containsString("user message"));
        Sse.execute("{\"agent\":\"orchestrator\"}").then().statusCode(422).body("detail", containsString("messages"));
        assertThat(llm.received()).isEmpty();
    }

    @Test
    void theRouterIsDisabledUnlessEnablePortkeyIsSet() {
        io.restassured.RestAssured.given().auth().oauth2(dev.workbench.support.Login.adminToken()).contentType(ContentType.JSON).body("{\"task\":\"code\",\"prompt\":\"hi\"}")
                .when().post("/agent/router").then().statusCode(404).body("detail", equalTo("Portkey routing disabled"));
        assertThat(llm.received()).isEmpty();
    }

    @Test
    void theTeamDelegatesAndTheDelegatesEventsAreNestedInTheToolCall() {
        ToolServicesResource.service("filesystem").answer(200, "application/json", "[\"pom.xml\"]");
        llm.script(
                FakeLlm.events(0, new FakeLlm.Anthropic().toolUse("toolu_t", "ask_developer", "{\"task\":\"List the files\"}").end("tool_use")),
                FakeLlm.events(0, new FakeLlm.OpenAi().toolCall(0, "call_d", "fs_list", "{}").end("tool_calls")),
                FakeLlm.events(0, new FakeLlm.OpenAi().text("Only pom.xml.").end("stop")),
                FakeLlm.events(0, new FakeLlm.Anthropic().text("The developer found pom.xml.").end("end_turn")));

        List<String[]> events = Sse.runEvents(Sse.execute("""
                {"agent":"team","messages":[{"role":"user","content":"What files are there?"}]}""")
                .then().statusCode(200).extract().asString());

        assertThat(events).extracting(e -> e[0]).containsExactly("thinking", "tool_start", "tool_start", "tool_end", "tool_end",
                "message", "message", "end");
        assertThat(new JsonObject(events.get(1)[1]).getString("name")).isEqualTo("ask_developer");
        JsonObject nestedStart = new JsonObject(events.get(2)[1]);
        assertThat(nestedStart.getString("name")).isEqualTo("fs_list");
        assertThat(nestedStart.getString("agent")).isEqualTo("developer");
        JsonObject delegation = new JsonObject(events.get(4)[1]);
        assertThat(delegation.getString("name")).isEqualTo("ask_developer");
        assertThat(delegation.getString("result")).isEqualTo("Only pom.xml.");
        assertThat(llm.received()).extracting(FakeLlm.Received::path)
                .containsExactly("/v1/messages", "/v1/chat/completions", "/v1/chat/completions", "/v1/messages");
        assertThat(llm.received().get(1).body().getJsonArray("messages").getJsonObject(1).getString("content"))
                .isEqualTo("List the files");
        // the delegate as Anthropic received it, from the "delegate" declaration of agent-tools.json
        JsonObject askDeveloper = llm.received().get(0).body().getJsonArray("tools").stream().map(JsonObject.class::cast)
                .filter(t -> t.getString("name").equals("ask_developer")).findFirst().orElseThrow();
        assertThat(askDeveloper.getString("description")).isEqualTo("Hand a task to the developer agent and get its answer");
        assertThat(askDeveloper.getJsonObject("input_schema")).isEqualTo(new JsonObject("""
                {"type":"object","properties":{"task":{"type":"string",\
                "description":"The task, with everything the other agent needs to know"}},"required":["task"]}"""));
    }

    @Test
    void anAnthropicErrorEventMidStreamEndsTheRunWithItsMessage() {
        List<String> frames = new java.util.ArrayList<>(new FakeLlm.Anthropic().text("Hal").unfinished());
        frames.add("event: error\ndata: {\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"Overloaded\"}}\n\n");
        llm.script(FakeLlm.events(0, frames));
        List<String[]> events = Sse.runEvents(Sse.execute("""
                {"messages":[{"role":"user","content":"hi"}]}""").then().statusCode(200).extract().asString());
        assertThat(events).extracting(e -> e[0]).containsExactly("thinking", "message", "error", "end");
        assertThat(events.get(2)[1]).isEqualTo("{\"error\":\"Anthropic stream error: Overloaded\"}");
    }
}
