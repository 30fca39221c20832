package dev.workbench.heartbeat;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
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
        List<String> errors = new CopyOnWriteArrayList<>();
        Handler handler = new Handler() {
            @Override
            public void publish(LogRecord record) {
                if (record.getLevel().intValue() >= Level.WARNING.intValue()) {
                    errors.add(record.getLoggerName() + ": " + record.getMessage());
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger root = Logger.getLogger("");
        root.addHandler(handler);
        try {
            for (int i = 0; i < 5; i++) {
                WebSocket gracefully = connect();
                gracefully.sendClose(WebSocket.NORMAL_CLOSURE, "bye").get(5, TimeUnit.SECONDS);
                connect().abort();
            }
            Thread.sleep(600); // three heartbeat intervals of the test profile: no beat may go to a closed socket
            assertThat(errors).isEmpty();
        } finally {
            root.removeHandler(handler);
        }
    }

    private static WebSocket connect() throws Exception {
        return HttpClient.newHttpClient().newWebSocketBuilder()
                .buildAsync(URI.create("ws://localhost:" + RestAssured.port + "/ws"), new WebSocket.Listener() { })
                .get(5, TimeUnit.SECONDS);
    }
}
