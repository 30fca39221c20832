package dev.workbench.common;

import io.quarkus.runtime.ShutdownDelayInitiatedEvent;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.quarkus.vertx.http.runtime.filters.QuarkusRequestWrapper;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.logging.Logger;

/**
 * The moment a SIGTERM (Fly's auto-stop) begins the shutdown: every open agent stream is told to
 * end with an error, every running command is killed and audited as {@code cancelled}, every
 * WebSocket is closed, and the shutdown waits (at most {@code SHUTDOWN_GRACE}) until the commands
 * have recorded their end and the HTTP requests in flight have finished. This wait, not Quarkus's
 * own, is the grace period: Quarkus counts a WebSocket's upgrade request as in flight forever, and
 * would hold every stop for its whole timeout once a dashboard had connected. A singleton, reached
 * without the CDI container, so it works until the very end of shutdown.
 */
@Singleton
public class ShutdownSignal {

    private static final Logger LOG = Logger.getLogger(ShutdownSignal.class);
    public static final String MESSAGE = "server is shutting down";

    private final Set<Runnable> listeners = new CopyOnWriteArraySet<>();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger requests = new AtomicInteger();
    private final Duration grace;
    private volatile boolean shuttingDown;

    ShutdownSignal(AppConfig config) {
        this.grace = config.shutdownGrace();
    }

    /** Counts HTTP requests until their answer is done or their connection gone; WebSocket upgrades are not requests in flight. */
    void countRequests(@Observes Filters filters) {
        filters.register(this::count, 20_000);
    }

    private void count(RoutingContext ctx) {
        // Quarkus wraps every request of its HTTP server; the check keeps an unwrapped one from failing here.
        if (!"websocket".equalsIgnoreCase(ctx.request().getHeader("Upgrade"))
                && ctx.request().getCookie(QuarkusRequestWrapper.FAKE_COOKIE_NAME) instanceof QuarkusRequestWrapper.QuarkusCookie) {
            requests.incrementAndGet();
            // Fires once, on the end of the answer, a reset or a closed connection, whoever set other handlers.
            QuarkusRequestWrapper.get(ctx.request()).addRequestDoneHandler(done -> requests.decrementAndGet());
        }
        ctx.next();
    }

    public boolean isShuttingDown() {
        return shuttingDown;
    }

    /** Runs {@code onShutdown} when the shutdown begins (at once if it has); close the registration when done. */
    public AutoCloseable register(Runnable onShutdown) {
        listeners.add(onShutdown);
        if (shuttingDown && listeners.remove(onShutdown)) {
            onShutdown.run();
        }
        return () -> listeners.remove(onShutdown);
    }

    /** HTTP requests whose answer is not yet done, WebSocket upgrades aside: what a SIGTERM would wait for. */
    public int requestsInFlight() {
        return requests.get();
    }

    /** Marks work whose end must be recorded before the process exits; pair with {@link #leave()}. */
    public void enter() {
        inFlight.incrementAndGet();
    }

    public void leave() {
        inFlight.decrementAndGet();
    }

    void begin(@Observes ShutdownDelayInitiatedEvent event) {
        shuttingDown = true;
        LOG.infof("Shutting down: ending %d open streams and sockets, stopping %d running commands", listeners.size(), inFlight.get());
        for (Runnable listener : listeners) {
            listeners.remove(listener);
            try {
                listener.run();
            } catch (RuntimeException e) {
                LOG.debugf("a stream could not be told of the shutdown: %s", e.getMessage());
            }
        }
        long deadline = System.nanoTime() + grace.toNanos();
        while ((inFlight.get() > 0 || requests.get() > 0) && System.nanoTime() < deadline) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        if (inFlight.get() > 0 || requests.get() > 0) {
            LOG.warnf("SHUTDOWN_GRACE (%s) is over with %d requests and %d commands still running; stopping anyway",
                    Durations.human(grace), requests.get(), inFlight.get());
        }
    }
}
