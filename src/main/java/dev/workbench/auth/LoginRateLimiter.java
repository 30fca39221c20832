package dev.workbench.auth;

import dev.workbench.common.ApiException;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Counts failed logins per client address in a fixed window: past the limit the client gets 429
 * with {@code Retry-After} until its window ends; a successful login clears its count.
 */
@ApplicationScoped
public class LoginRateLimiter {

    /** Past this many tracked clients, expired windows are swept before a new one is added. */
    private static final int SWEEP_THRESHOLD = 10_000;

    private record Window(long startNanos, int failures) {
    }

    private final Map<String, Window> windows = new ConcurrentHashMap<>();
    private final int maxFailures;
    private final long windowNanos;

    LoginRateLimiter(AuthConfig config) {
        this.maxFailures = config.loginMaxFailures();
        this.windowNanos = config.loginFailureWindow().toNanos();
    }

    /** Throws 429 when the client has used up its failed attempts for the current window. */
    public void checkAllowed(String client) {
        Window window = windows.get(client);
        long now = System.nanoTime();
        if (window == null || expired(window, now) || window.failures() < maxFailures) {
            return;
        }
        long remaining = window.startNanos() + windowNanos - now;
        long seconds = Math.max(1, Duration.ofNanos(remaining).toSeconds() + (remaining % 1_000_000_000L > 0 ? 1 : 0));
        throw new ApiException(429, "Too many failed login attempts; retry in " + seconds + " seconds",
                Map.of("Retry-After", Long.toString(seconds)));
    }

    public void recordFailure(String client) {
        long now = System.nanoTime();
        if (windows.size() >= SWEEP_THRESHOLD) {
            windows.values().removeIf(w -> expired(w, now));
        }
        windows.compute(client, (key, window) -> window == null || expired(window, now)
                ? new Window(now, 1)
                : new Window(window.startNanos(), window.failures() + 1));
    }

    public void recordSuccess(String client) {
        windows.remove(client);
    }

    private boolean expired(Window window, long now) {
        return now - window.startNanos() >= windowNanos;
    }
}
