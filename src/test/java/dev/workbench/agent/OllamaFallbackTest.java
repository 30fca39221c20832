package dev.workbench.agent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.workbench.support.FakeLlm;
import dev.workbench.support.FakeLlmResource;
import dev.workbench.support.Sse;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** No key anywhere, but an Ollama answers: every agent runs on it, over the OpenAI protocol. */
@QuarkusTest
@TestProfile(OllamaFallbackTest.LocalOllama.class)
class OllamaFallbackTest {

    public static class LocalOllama implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("workbench.llm.anthropic-api-key", "", "workbench.llm.openai-api-key", "",
                    "workbench.llm.openai-base-url", "https://api.openai.com/v1",
                    "workbench.llm.ollama-base-url", FakeLlmResource.llm().url());
        }
    }

    private final FakeLlm ollama = FakeLlmResource.llm();

    @BeforeEach
    void reset() {
        ollama.reset();
    }

    @Test
    void anAnthropicAgentRunsOnTheLocalOllama() {
        ollama.script(FakeLlm.events(0, new FakeLlm.OpenAi().text("local ", "answer").end("stop")));
        String stream = Sse.execute("{\"agent\":\"orchestrator\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}")
                .then().statusCode(200).extract().asString();
        assertThat(stream).contains("data: {\"content\":\"local answer\"}");
        FakeLlm.Received request = ollama.received().get(0);
        assertThat(request.path()).isEqualTo("/v1/chat/completions");
        assertThat(request.body().getString("model")).isEqualTo("llama3.2");
        assertThat(request.headers().get("Authorization")).isNull();
        assertThat(ollama.tagsRequests()).isEqualTo(1);
    }
}
