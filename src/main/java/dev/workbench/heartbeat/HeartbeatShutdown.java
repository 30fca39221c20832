package dev.workbench.heartbeat;

import dev.workbench.common.ShutdownSignal;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.websockets.next.CloseReason;
import io.quarkus.websockets.next.OpenConnections;
import jakarta.enterprise.event.Observes;

/**
 * On SIGTERM every {@code /ws} client is closed with 1001 (going away) and the shutdown message, so
 * a dashboard reconnects to a machine that stays up instead of waiting on a dead socket.
 */
class HeartbeatShutdown {

    static final int GOING_AWAY = 1001;

    void onStart(@Observes StartupEvent event, ShutdownSignal shutdown, OpenConnections connections) {
        shutdown.register(() -> connections.forEach(connection -> connection.close(new CloseReason(GOING_AWAY, ShutdownSignal.MESSAGE))
                .subscribe().with(closed -> {
                }, failure -> {
                })));
    }
}
