package dev.workbench.heartbeat;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * {@code /ws} as a dashboard sees it, through the JDK's own WebSocket client (so the same cases run
 * against the packaged application). The test profile beats every 200 ms.
 */
@QuarkusTest
class HeartbeatSocketTest {

    private static final Duration INTERVAL = Duration.ofMillis(200);

    @Test
    void sendsOneHeartbeatOnConnectAndThenOneEveryInterval() throws Exception {
        BlockingQueue<String> messages = new LinkedBlockingQueue<>();
        WebSocket socket = connect(messages);
        try {
            Instant first = heartbeatTime(messages.poll(5, TimeUnit.SECONDS));
            Instant second = heartbeatTime(messages.poll(5, TimeUnit.SECONDS));
            heartbeatTime(messages.poll(5, TimeUnit.SECONDS)); // and they keep coming
            // One heartbeat on connect, not two: the next one is an interval later (timers never fire
            // early; half an interval is the margin), where two beats at connect are microseconds apart.
            assertThat(Duration.between(first, second)).isGreaterThanOrEqualTo(INTERVAL.dividedBy(2));
        } finally {
            socket.abort();
        }
    }

    @Test
    void answersPingWithPong() throws Exception {
        BlockingQueue<String> messages = new LinkedBlockingQueue<>();
        WebSocket socket = connect(messages);
        try {
            socket.sendText("ping", true).get(5, TimeUnit.SECONDS);
            assertThat(firstReplyThatIsNotAHeartbeat(messages)).isEqualTo("pong");
        } finally {
            socket.abort();
        }
    }

    @Test
    void anyOtherTextGetsNoReply() throws Exception {
        BlockingQueue<String> messages = new LinkedBlockingQueue<>();
        WebSocket socket = connect(messages);
        try {
            socket.sendText("hello", true).get(5, TimeUnit.SECONDS);
            socket.sendText("ping", true).get(5, TimeUnit.SECONDS);
            // Messages on one socket are answered in order, so the first non-heartbeat is the pong.
            assertThat(firstReplyThatIsNotAHeartbeat(messages)).isEqualTo("pong");
        } finally {
            socket.abort();
        }
    }

    private static String firstReplyThatIsNotAHeartbeat(BlockingQueue<String> messages) throws InterruptedException {
        String reply;
        do {
            reply = messages.poll(5, TimeUnit.SECONDS);
        } while (reply != null && reply.startsWith("{"));
        return reply;
    }

    private static WebSocket connect(BlockingQueue<String> messages) throws Exception {
        WebSocket.Listener listener = new WebSocket.Listener() {
            private final StringBuilder partial = new StringBuilder();

            @Override
            public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                partial.append(data);
                if (last) {
                    messages.add(partial.toString());
                    partial.setLength(0);
                }
                webSocket.request(1);
                return null;
            }
        };
        return HttpClient.newHttpClient().newWebSocketBuilder()
                .buildAsync(URI.create("ws://localhost:" + RestAssured.port + "/ws"), listener)
                .get(5, TimeUnit.SECONDS);
    }

    private static Instant heartbeatTime(String message) {
        assertThat(message).as("a heartbeat within 5 s").isNotNull();
        JsonObject json = new JsonObject(message);
        assertThat(json.fieldNames()).containsExactlyInAnyOrder("type", "timestamp");
        assertThat(json.getString("type")).isEqualTo("heartbeat");
        assertThat(json.getString("timestamp")).endsWith("Z");
        return Instant.parse(json.getString("timestamp"));
    }
}
