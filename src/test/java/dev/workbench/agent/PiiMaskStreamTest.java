package dev.workbench.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import dev.workbench.support.FakeLlm;
import dev.workbench.support.FakeLlmResource;
import dev.workbench.support.Sse;
import dev.workbench.support.ToolServicesResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code PII_MASK=true}: what the dashboard receives of a run, with the provider's tokens split mid-address. */
@QuarkusTest
@TestProfile(PiiMaskStreamTest.Masked.class)
class PiiMaskStreamTest {

    public static class Masked implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("workbench.agent.pii-mask", "true");
        }
    }

    private final FakeLlm llm = FakeLlmResource.llm();

    @BeforeEach
    void reset() {
        llm.reset();
        ToolServicesResource.resetAll();
    }

    @Test
    void tokensToolResultsAndTheAnswerAreMasked() {
        ToolServicesResource.service("memory").answer(200, "application/json", "{\"owner\":\"alice@corp.example.com\"}");
        llm.script(
                FakeLlm.events(0, new FakeLlm.Anthropic().text("Looking up al", "ice@corp.example.com").toolUse("toolu_p", "memory_search",
                        "{\"q\":\"alice@corp.example.com\"}").end("tool_use")),
                FakeLlm.events(10, new FakeLlm.Anthropic().text(" Mail ali", "ce@corp.ex", "ample.com, card 4111 11", "11 1111 1111.")
                        .end("end_turn")));
        String stream = Sse.execute("{\"messages\":[{\"role\":\"user\",\"content\":\"who owns it?\"}]}")
                .then().statusCode(200).extract().asString();
        assertThat(stream).doesNotContain("alice").doesNotContain("corp.ex").doesNotContain("4111");
        List<String[]> events = Sse.runEvents(stream);
        String tokens = events.stream().filter(e -> e[0].equals("message") && e[1].startsWith("{\"token\""))
                .map(e -> new JsonObject(e[1]).getString("token")).collect(Collectors.joining());
        // the first turn's held tail ("ice@corp.example.com" could still grow) is released, masked, when the tool call ends it
        assertThat(tokens).isEqualTo("Looking up [EMAIL] Mail [EMAIL], card [CARD].");
        JsonObject toolStart = new JsonObject(events.stream().filter(e -> e[0].equals("tool_start")).findFirst().orElseThrow()[1]);
        assertThat(toolStart.getJsonObject("arguments").getString("q")).isEqualTo("[EMAIL]");
        JsonObject toolEnd = new JsonObject(events.stream().filter(e -> e[0].equals("tool_end")).findFirst().orElseThrow()[1]);
        assertThat(toolEnd.getString("result")).isEqualTo("{\"owner\":\"[EMAIL]\"}");
        assertThat(new JsonObject(events.get(events.size() - 2)[1]).getString("content"))
                .isEqualTo("Looking up [EMAIL] Mail [EMAIL], card [CARD].");
        // what went to the model is not masked: masking is for what the client sees
        assertThat(ToolServicesResource.service("memory").received().get(0).uri()).contains("alice");
    }

    @Test
    void errorsAndTheJsonAnswerAreMasked() {
        llm.script(FakeLlm.error(400, "{\"type\":\"error\",\"error\":{\"type\":\"invalid_request_error\",\"message\":\"user bob@example.com is blocked\"}}"));
        Sse.execute("{\"stream\":false,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}")
                .then().statusCode(502).body("detail", equalTo("Anthropic answered HTTP 400: user [EMAIL] is blocked"));
    }
}
