package dev.workbench.support;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.vertx.core.Vertx;
import java.util.Map;

/** Points both providers at one {@link FakeLlm} on loopback, with test keys. */
public class FakeLlmResource implements QuarkusTestResourceLifecycleManager {

    public static final String ANTHROPIC_KEY = "test-anthropic-key";
    public static final String OPENAI_KEY = "test-openai-key";

    private static FakeLlm llm;

    public static synchronized FakeLlm llm() {
        if (llm == null) {
            llm = new FakeLlm(Vertx.vertx());
        }
        return llm;
    }

    @Override
    public Map<String, String> start() {
        return Map.of(
                "workbench.llm.anthropic-base-url", llm().url(),
                "workbench.llm.anthropic-api-key", ANTHROPIC_KEY,
                "workbench.llm.openai-base-url", llm().url() + "/v1",
                "workbench.llm.openai-api-key", OPENAI_KEY);
    }

    @Override
    public void stop() {
        // shared by every test profile of the run
    }
}
