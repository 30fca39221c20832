package dev.workbench.heartbeat;

import io.quarkus.websockets.next.OnClose;
import io.quarkus.websockets.next.OnError;
import io.quarkus.websockets.next.OnOpen;
import io.quarkus.websockets.next.OnTextMessage;
import io.quarkus.websockets.next.UserData.TypedKey;
import io.quarkus.websockets.next.WebSocket;
import io.quarkus.websockets.next.WebSocketConnection;
import io.smallrye.common.annotation.NonBlocking;
import io.vertx.core.Vertx;
import org.jboss.logging.Logger;

/**
 * {@code GET /ws}: a heartbeat on connect and every {@code HEARTBEAT_INTERVAL}, {@code pong} for
 * {@code ping}. A client costs one Vert.x timer on its own event loop, not a thread; the timer is
 * cancelled when the client goes, so no beat is ever sent to a closed socket.
 */
@WebSocket(path = "/ws")
public class HeartbeatSocket {

    private static final Logger LOG = Logger.getLogger(HeartbeatSocket.class);
    private static final TypedKey<Long> TIMER = TypedKey.forLong("heartbeat-timer");

    private final Vertx vertx;
    private final long intervalMillis;

    HeartbeatSocket(Vertx vertx, HeartbeatConfig config) {
        this.vertx = vertx;
        this.intervalMillis = Math.max(1, config.interval().toMillis());
    }

    @OnOpen
    @NonBlocking
    public void open(WebSocketConnection connection) {
        beat(connection);
        // Set from the connection's event loop, so every tick runs there too.
        long timer = vertx.setPeriodic(intervalMillis, id -> {
            if (connection.isClosed()) {
                vertx.cancelTimer(id); // in case the close callback never came
            } else {
                beat(connection);
            }
        });
        connection.userData().put(TIMER, timer);
    }

    @OnClose
    @NonBlocking
    public void close(WebSocketConnection connection) {
        Long timer = connection.userData().remove(TIMER);
        if (timer != null) {
            vertx.cancelTimer(timer);
        }
    }

    /** A client that resets its connection has left; one DEBUG line, never a stack trace. */
    @OnError
    @NonBlocking
    public void error(WebSocketConnection connection, Throwable failure) {
        LOG.debugf("heartbeat connection %s ended: %s", connection.id(), failure.getMessage());
    }

    @OnTextMessage
    @NonBlocking
    public String message(String text) {
        return "ping".equals(text.trim()) ? "pong" : null;
    }

    private static void beat(WebSocketConnection connection) {
        // A client can vanish between the check and the write; that is its way of leaving, not an error.
        connection.sendText(Heartbeat.now()).subscribe().with(ok -> { },
                failure -> LOG.debugf("heartbeat not delivered to %s: %s", connection.id(), failure.getMessage()));
    }
}
