package dev.workbench.heartbeat;

import io.quarkus.websockets.next.OnOpen;
import io.quarkus.websockets.next.OnTextMessage;
import io.quarkus.websockets.next.WebSocket;
import io.smallrye.common.annotation.NonBlocking;
import io.smallrye.mutiny.Multi;
import java.time.Duration;

/**
 * {@code GET /ws}: a heartbeat on connect and every {@code HEARTBEAT_INTERVAL}, {@code pong} for
 * {@code ping}. A client costs one scheduled tick, not a thread, and it is cancelled when the client goes.
 */
@WebSocket(path = "/ws")
public class HeartbeatSocket {

    private final Duration interval;

    HeartbeatSocket(HeartbeatConfig config) {
        this.interval = config.interval();
    }

    @OnOpen
    public Multi<Heartbeat> open() {
        Multi<Long> ticks = Multi.createFrom().ticks().every(interval).onOverflow().drop();
        return Multi.createBy().concatenating().streams(Multi.createFrom().item(0L), ticks)
                .map(tick -> Heartbeat.now());
    }

    @OnTextMessage
    @NonBlocking
    public String message(String text) {
        return "ping".equals(text.trim()) ? "pong" : null;
    }
}
