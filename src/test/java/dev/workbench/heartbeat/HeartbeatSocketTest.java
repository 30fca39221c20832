package dev.workbench.heartbeat;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.websockets.next.BasicWebSocketConnector;
import io.quarkus.websockets.next.WebSocketClientConnection;
import io.vertx.core.json.JsonObject;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Instant;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The test profile beats every 200 ms. */
@QuarkusTest
class HeartbeatSocketTest {

    @TestHTTPResource("/")
    URI root;

    @Inject
    BasicWebSocketConnector connector;

    @Test
    void sendsAHeartbeatOnConnectAndThenEveryInterval() throws Exception {
        BlockingQueue<String> messages = new LinkedBlockingQueue<>();
        WebSocketClientConnection connection = connector.baseUri(root).path("/ws")
                .onTextMessage((c, message) -> messages.add(message))
                .connectAndAwait();
        try {
            Instant first = heartbeatTime(messages.poll(5, TimeUnit.SECONDS));
            Instant second = heartbeatTime(messages.poll(5, TimeUnit.SECONDS));
            assertThat(second).isAfterOrEqualTo(first);
        } finally {
            connection.closeAndAwait();
        }
    }

    @Test
    void answersPingWithPong() throws Exception {
        BlockingQueue<String> messages = new LinkedBlockingQueue<>();
        WebSocketClientConnection connection = connector.baseUri(root).path("/ws")
                .onTextMessage((c, message) -> messages.add(message))
                .connectAndAwait();
        try {
            connection.sendTextAndAwait("ping");
            String reply;
            do {
                reply = messages.poll(5, TimeUnit.SECONDS);
            } while (reply != null && reply.startsWith("{"));
            assertThat(reply).isEqualTo("pong");
        } finally {
            connection.closeAndAwait();
        }
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
