package dev.workbench.common;

import io.quarkus.runtime.ShutdownDelayInitiatedEvent;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * The moment a SIGTERM (Fly's auto-stop) begins the shutdown, before Quarkus stops taking requests
 * and waits for those in flight: every open agent stream is told to end with an error, every
 * running command is killed and audited as {@code cancelled}, and the shutdown waits (at most
 * {@code SHUTDOWN_GRACE}) until the commands have recorded their end. A singleton, reached without
 * the CDI container, so it works until the very end of shutdown.
 */
@Singleton
public class ShutdownSignal {

    private static final Logger LOG = Logger.getLogger(ShutdownSignal.class);
    public static final String MESSAGE = "server is shutting down";

    private final Set<Runnable> listeners = new CopyOnWriteArraySet<>();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final Duration grace;
    private volatile boolean shuttingDown;

    ShutdownSignal(@ConfigProperty(name = "quarkus.shutdown.timeout") Duration grace) {
        this.grace = grace;
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

    /** Marks work whose end must be recorded before the process exits; pair with {@link #leave()}. */
    public void enter() {
        inFlight.incrementAndGet();
    }

    public void leave() {
        inFlight.decrementAndGet();
    }

    void begin(@Observes ShutdownDelayInitiatedEvent event) {
        shuttingDown = true;
        LOG.infof("Shutting down: ending %d open streams and stopping %d running commands", listeners.size(), inFlight.get());
        for (Runnable listener : listeners) {
            listeners.remove(listener);
            try {
                listener.run();
            } catch (RuntimeException e) {
                LOG.debugf("a stream could not be told of the shutdown: %s", e.getMessage());
            }
        }
        long deadline = System.nanoTime() + grace.toNanos();
        while (inFlight.get() > 0 && System.nanoTime() < deadline) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
