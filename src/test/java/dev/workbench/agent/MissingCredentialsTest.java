package dev.workbench.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

import dev.workbench.support.FakeLlmResource;
import dev.workbench.support.Sse;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** No provider key at all, and no Ollama answering. */
@QuarkusTest
@TestProfile(MissingCredentialsTest.NoKeys.class)
class MissingCredentialsTest {

    public static class NoKeys implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("workbench.llm.anthropic-api-key", "", "workbench.llm.openai-api-key", "",
                    "workbench.llm.openai-base-url", "https://api.openai.com/v1");
        }
    }

    @Test
    void aStreamEndsWithAnErrorNamingTheVariable() {
        String stream = Sse.execute("{\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}")
                .then().statusCode(200).extract().asString();
        assertThat(Sse.runEvents(stream)).extracting(e -> e[0]).containsExactly("thinking", "error", "end");
        assertThat(stream).contains("ANTHROPIC_API_KEY is not set");
        assertThat(FakeLlmResource.llm().received()).isEmpty();
    }

    @Test
    void withoutStreamingItIs503NamingTheVariable() {
        Sse.execute("{\"agent\":\"developer\",\"stream\":false,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}")
                .then().statusCode(503).body("detail", containsString("OPENAI_API_KEY is not set"));
    }
}
