package dev.workbench.heartbeat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.workbench.support.CapturedLog;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

/**
 * A dashboard tab that closes is the normal end of a heartbeat connection: it must stop the beats
 * and leave no error in the log. In-process only, because it listens to the application's log.
 */
@QuarkusTest
class HeartbeatQuietCloseTest {

    @Test
    void closingConnectionsLogsNoError() throws Exception {
        try (CapturedLog log = CapturedLog.atOrAbove(Level.WARNING)) {
            // Positive control: the capture sees a warning the application logs.
            Logger.getLogger("dev.workbench.heartbeat.control").warning("control");
            assertThat(log.lines()).containsExactly("dev.workbench.heartbeat.control: control");
            log.clear();
            for (int i = 0; i < 5; i++) {
                WebSocket gracefully = connect();
                gracefully.sendClose(WebSocket.NORMAL_CLOSURE, "bye").get(5, TimeUnit.SECONDS);
                connect().abort();
            }
            Thread.sleep(600); // three heartbeat intervals of the test profile: no beat may go to a closed socket
            assertThat(log.lines()).isEmpty();
        }
    }

    private static WebSocket connect() throws Exception {
        return HttpClient.newHttpClient().newWebSocketBuilder()
                .buildAsync(URI.create("ws://localhost:" + RestAssured.port + "/ws"), new WebSocket.Listener() { })
                .get(5, TimeUnit.SECONDS);
    }
}
