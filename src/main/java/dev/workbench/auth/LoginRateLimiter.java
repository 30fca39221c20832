package dev.workbench.auth;

import dev.workbench.common.Failure;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;

/**
 * Bounds password checks. Per client address, an attempt counts the moment it starts, before the
 * password is checked, so of any burst at most {@code LOGIN_MAX_FAILURES} reach bcrypt in a window
 * and the rest reach their limit, told when to retry; a successful login clears the count. Across all
 * clients, at most one check per core runs at once; beyond that the server is unavailable, with
 * {@code Retry-After} rather than a queue that grows without bound.
 */
@ApplicationScoped
public class LoginRateLimiter {

    /** Past this many tracked clients, expired windows are swept before a new one is added. */
    private static final int SWEEP_THRESHOLD = 10_000;

    private record Window(long startNanos, int attempts) {
    }

    private final Map<String, Window> windows = new ConcurrentHashMap<>();
    private final int maxFailures;
    private final long windowNanos;
    private final Semaphore checks = new Semaphore(Runtime.getRuntime().availableProcessors());

    LoginRateLimiter(AuthConfig config) {
        this.maxFailures = config.loginMaxFailures();
        this.windowNanos = config.loginFailureWindow().toNanos();
    }

    /** One attempt of {@code client}'s that may check a password; close it with {@link #succeeded} or {@link #close}. */
    public final class Attempt implements AutoCloseable {
        private final String client;

        private Attempt(String client) {
            this.client = client;
        }

        /** The password was right: the client's count starts again. */
        public void succeeded() {
            windows.remove(client);
        }

        @Override
        public void close() {
            checks.release();
        }
    }

    /**
     * Counts an attempt of {@code client} and takes one of the password-check slots; fails with a limit
     * reached when the client has used up its attempts for the current window, unavailable when every slot is busy.
     */
    public Attempt begin(String client) {
        long now = System.nanoTime();
        if (windows.size() >= SWEEP_THRESHOLD) {
            windows.values().removeIf(w -> expired(w, now));
        }
        Window counted = windows.compute(client, (key, window) -> window == null || expired(window, now)
                ? new Window(now, 1)
                : new Window(window.startNanos(), window.attempts() + 1));
        if (counted.attempts() > maxFailures) {
            long remaining = counted.startNanos() + windowNanos - now;
            long seconds = Math.max(1, Duration.ofNanos(remaining).toSeconds() + (remaining % 1_000_000_000L > 0 ? 1 : 0));
            throw new Failure.LimitReached("Too many failed login attempts; retry in " + seconds + " seconds", seconds);
        }
        if (!checks.tryAcquire()) {
            // Not checked, so not counted against the client.
            windows.computeIfPresent(client, (key, window) -> new Window(window.startNanos(), window.attempts() - 1));
            throw new Failure.Unavailable("Too many logins are being checked at once; retry in 1 second", 1);
        }
        return new Attempt(client);
    }

    private boolean expired(Window window, long now) {
        return now - window.startNanos() >= windowNanos;
    }
}
