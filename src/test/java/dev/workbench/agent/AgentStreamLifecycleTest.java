package dev.workbench.agent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.workbench.support.FakeLlm;
import dev.workbench.support.FakeLlmResource;
import dev.workbench.support.Login;
import dev.workbench.support.Sse;
import dev.workbench.support.ToolServicesResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
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
        String body = "{\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
        try (Socket socket = new Socket("127.0.0.1", RestAssured.port)) {
            OutputStream out = socket.getOutputStream();
            out.write(("POST /agent/execute HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + Login.adminToken()
                    + "\r\nContent-Type: application/json\r\nContent-Length: " + body.length() + "\r\n\r\n" + body)
                    .getBytes(StandardCharsets.UTF_8));
            out.flush();
            InputStream in = socket.getInputStream();
            StringBuilder seen = new StringBuilder();
            byte[] buffer = new byte[1024];
            while (!seen.toString().contains("{\"token\":\"Working\"}")) {
                int n = in.read(buffer);
                assertThat(n).as("stream open").isPositive();
                seen.append(new String(buffer, 0, n, StandardCharsets.UTF_8));
            }
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
        try (Socket socket = new Socket("127.0.0.1", RestAssured.port)) {
            socket.getOutputStream().write(("POST /agent/execute HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer "
                    + Login.adminToken() + "\r\nContent-Type: application/json\r\nContent-Length: " + body.length()
                    + "\r\n\r\n" + body).getBytes(StandardCharsets.UTF_8));
            Awaitility.await().atMost(Duration.ofSeconds(2)).until(() -> llm.received().size() == 1);
            Sse.execute("{\"stream\":false,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}")
                    .then().statusCode(429).body("detail", org.hamcrest.Matchers.containsString("AGENT_MAX_CONCURRENT_RUNS"));
            assertThat(Sse.execute(body).then().statusCode(200).extract().asString())
                    .contains("event: error").contains("Too many agent runs").endsWith("event: end\ndata: [DONE]\n\n");
        }
        Awaitility.await().atMost(Duration.ofSeconds(2)).until(() -> llm.closedEarly() == 1);
    }
}
