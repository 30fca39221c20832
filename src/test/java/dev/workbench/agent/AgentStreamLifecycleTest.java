package dev.workbench.agent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.workbench.support.FakeLlm;
import dev.workbench.support.FakeLlmResource;
import dev.workbench.support.RawHttp;
import dev.workbench.support.Sse;
import dev.workbench.support.ToolServicesResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Keep-alives, the run's time and concurrency limits, and what a client disconnect does upstream. */
@QuarkusTest
@TestProfile(AgentStreamLifecycleTest.ShortTimes.class)
class AgentStreamLifecycleTest {

    public static class ShortTimes implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("workbench.agent.keepalive", "200ms", "workbench.agent.max-duration", "3s",
                    "workbench.agent.max-concurrent-runs", "1");
        }
    }

    private final FakeLlm llm = FakeLlmResource.llm();

    @BeforeEach
    void reset() {
        llm.reset();
        ToolServicesResource.resetAll();
    }

    @Test
    void silencesAreFilledWithKeepAliveComments() {
        llm.script(FakeLlm.events(350, new FakeLlm.Anthropic().text("slow").end("end_turn")));
        String stream = Sse.execute("{\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}").then().extract().asString();
        assertThat(stream).contains(": keepalive\n\n").contains("data: {\"content\":\"slow\"}").endsWith("event: end\ndata: [DONE]\n\n");
    }

    @Test
    void aRunLongerThanTheLimitEndsWithAnError() {
        llm.script(FakeLlm.hangAfter(new FakeLlm.Anthropic().text("start").unfinished()));
        List<String[]> events = Sse.events(Sse.execute("{\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}")
                .then().extract().asString());
        assertThat(events.get(events.size() - 2)[0]).isEqualTo("error");
        assertThat(events.get(events.size() - 2)[1]).contains("AGENT_MAX_DURATION");
        Awaitility.await().atMost(Duration.ofSeconds(2)).until(() -> llm.closedEarly() == 1);
    }

    @Test
    void aClientDisconnectClosesTheProviderConnectionAndStartsNoTool() throws Exception {
        // The model has asked for a tool and is still streaming when the user presses Stop.
        llm.script(FakeLlm.hangAfter(new FakeLlm.Anthropic().text("Working").toolUse("toolu_x", "git_status", "{}").unfinished()));
        try (Socket socket = RawHttp.openPost("/agent/execute", "{\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}")) {
            RawHttp.readUntil(socket, "{\"token\":\"Working\"}");
        }
        long closedAt = System.nanoTime();
        Awaitility.await().atMost(Duration.ofSeconds(1)).pollInterval(Duration.ofMillis(20)).until(() -> llm.closedEarly() == 1);
        assertThat((System.nanoTime() - closedAt) / 1_000_000).isLessThan(1_000);
        Thread.sleep(300);
        assertThat(ToolServicesResource.service("git").received()).isEmpty();
        assertThat(llm.received()).hasSize(1);
    }

    @Test
    void runsBeyondTheConcurrencyLimitAreRefused() throws Exception {
        llm.script(FakeLlm.hangAfter(new FakeLlm.Anthropic().text("busy").unfinished()));
        String body = "{\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
        try (Socket socket = RawHttp.openPost("/agent/execute", body)) {
            Awaitility.await().atMost(Duration.ofSeconds(2)).until(() -> llm.received().size() == 1);
            Sse.execute("{\"stream\":false,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}")
                    .then().statusCode(429).body("detail", org.hamcrest.Matchers.containsString("AGENT_MAX_CONCURRENT_RUNS"));
            assertThat(Sse.execute(body).then().statusCode(200).extract().asString())
                    .contains("event: error").contains("Too many agent runs").endsWith("event: end\ndata: [DONE]\n\n");
        }
        Awaitility.await().atMost(Duration.ofSeconds(2)).until(() -> llm.closedEarly() == 1);
    }
}
