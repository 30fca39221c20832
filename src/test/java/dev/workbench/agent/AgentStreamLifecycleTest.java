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

    /** The run limits turned tight: keep-alive, duration, concurrency, and no delegation (DelegationDepthTest shares it). */
    public static class ShortTimes implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("workbench.agent.keepalive", "200ms", "workbench.agent.max-duration", "3s",
                    "workbench.agent.max-concurrent-runs", "1", "workbench.agent.max-depth", "0");
        }
    }

    private final FakeLlm llm = FakeLlmResource.llm();

    @BeforeEach
    void reset() {
        llm.reset();
        ToolServicesResource.resetAll();
    }

    @Test
    void silencesAreFilledWithHeartbeatEvents() {
        llm.script(FakeLlm.events(350, new FakeLlm.Anthropic().text("slow").end("end_turn")));
        String stream = Sse.execute("{\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}").then().extract().asString();
        assertThat(stream).startsWith("event: open\ndata: {}\n\n").contains("\n\nevent: hb\ndata: {}\n\n")
                .contains("data: {\"content\":\"slow\"}").endsWith("event: done\ndata: {}\n\nevent: end\ndata: [DONE]\n\n")
                .doesNotContain(": keepalive");
    }

    @Test
    void keepAlivesComeAtTheirIntervalThroughALongSilence() throws Exception {
        // The provider sends one token, then nothing until the run's 3 s limit: the gaps between the
        // token and each keep-alive are measured as they arrive on the socket.
        llm.script(FakeLlm.hangAfter(new FakeLlm.Anthropic().text("start").unfinished()));
        List<Long> arrivals = new java.util.ArrayList<>();
        try (Socket socket = RawHttp.openPost("/agent/execute", "{\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}")) {
            RawHttp.readUntil(socket, "{\"token\":\"start\"}");
            arrivals.add(System.nanoTime());
            java.io.InputStream in = socket.getInputStream();
            byte[] buffer = new byte[4096];
            String seen = "";
            int n;
            while (!seen.contains("event: error") && (n = in.read(buffer)) > 0) {
                String chunk = new String(buffer, 0, n, java.nio.charset.StandardCharsets.UTF_8);
                long now = System.nanoTime();
                for (int at = chunk.indexOf("event: hb"); at >= 0; at = chunk.indexOf("event: hb", at + 1)) {
                    arrivals.add(now);
                }
                seen += chunk;
            }
        }
        List<Long> gapsMs = new java.util.ArrayList<>();
        for (int i = 1; i < arrivals.size(); i++) {
            gapsMs.add((arrivals.get(i) - arrivals.get(i - 1)) / 1_000_000);
        }
        System.out.println("heartbeat gaps at AGENT_KEEPALIVE=200ms (ms): " + gapsMs);
        // About 3 s of silence at one keep-alive per 200 ms: 14 at most. A check once per interval
        // would leave gaps of up to two intervals, and as few as 7.
        assertThat(gapsMs).hasSizeGreaterThanOrEqualTo(10);
        assertThat(gapsMs).allSatisfy(gap -> assertThat(gap).isLessThan(600));
    }

    @Test
    void aRunLongerThanTheLimitEndsWithAnError() {
        llm.script(FakeLlm.hangAfter(new FakeLlm.Anthropic().text("start").unfinished()));
        List<String[]> events = Sse.runEvents(Sse.execute("{\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}")
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
