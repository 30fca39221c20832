package dev.workbench.agent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.workbench.support.FakeLlm;
import dev.workbench.support.FakeLlmResource;
import dev.workbench.support.RestrictedProfile;
import dev.workbench.support.Sse;
import dev.workbench.support.ToolServicesResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code RESTRICT_MCP_PROXY} binds the model too: a tool outside the allowlist is refused, not called. */
@QuarkusTest
@TestProfile(RestrictedProfile.class)
class RestrictedToolCallsTest {

    @Test
    void aToolOutsideTheAllowlistFailsAndTheModelIsTold() {
        FakeLlm llm = FakeLlmResource.llm();
        llm.reset();
        ToolServicesResource.resetAll();
        llm.script(
                FakeLlm.events(0, new FakeLlm.Anthropic().toolUse("toolu_r", "vector_search", "{\"query\":\"secrets\"}").end("tool_use")),
                FakeLlm.events(0, new FakeLlm.Anthropic().text("Not allowed.").end("end_turn")));
        List<String[]> events = Sse.runEvents(Sse.execute("{\"messages\":[{\"role\":\"user\",\"content\":\"search\"}]}")
                .then().statusCode(200).extract().asString());
        JsonObject toolEnd = new JsonObject(events.stream().filter(e -> e[0].equals("tool_end")).findFirst().orElseThrow()[1]);
        assertThat(toolEnd.getString("error")).isEqualTo("Endpoint not allowed");
        assertThat(ToolServicesResource.service("vector").received()).isEmpty();
        assertThat(events.get(events.size() - 1)[0]).isEqualTo("end");
    }
}
