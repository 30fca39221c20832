package dev.workbench.agent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.workbench.support.FakeLlm;
import dev.workbench.support.FakeLlmResource;
import dev.workbench.support.Sse;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code AGENT_MAX_DEPTH=0}: the team may not hand tasks on; the model is told so and goes on alone. */
@QuarkusTest
@TestProfile(AgentStreamLifecycleTest.ShortTimes.class)
class DelegationDepthTest {

    @Test
    void delegationBeyondTheDepthLimitIsAToolError() {
        FakeLlm llm = FakeLlmResource.llm();
        llm.reset();
        llm.script(
                FakeLlm.events(0, new FakeLlm.Anthropic().toolUse("toolu_d", "ask_monitor", "{\"task\":\"check\"}").end("tool_use")),
                FakeLlm.events(0, new FakeLlm.Anthropic().text("I will check myself.").end("end_turn")));
        List<String[]> events = Sse.runEvents(Sse.execute("{\"agent\":\"team\",\"messages\":[{\"role\":\"user\",\"content\":\"check\"}]}")
                .then().statusCode(200).extract().asString());
        JsonObject toolEnd = new JsonObject(events.stream().filter(e -> e[0].equals("tool_end")).findFirst().orElseThrow()[1]);
        assertThat(toolEnd.getString("error")).contains("AGENT_MAX_DEPTH");
        assertThat(llm.received()).extracting(FakeLlm.Received::path).containsExactly("/v1/messages", "/v1/messages");
    }
}
