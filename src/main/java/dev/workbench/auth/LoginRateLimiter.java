package dev.workbench.auth;

import dev.workbench.common.Failure;
import dev.workbench.store.Store;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.concurrent.Semaphore;

/**
 * Bounds password checks. Per client address, an attempt counts the moment it starts, before the
 * password is checked, so of any burst at most {@code LOGIN_MAX_FAILURES} reach bcrypt in a window
 * and the rest reach their limit, told when to retry; a successful login clears the count. The
 * counts are the store's: they survive a restart, and with PostgreSQL every machine shares them.
 * Across all clients, at most one check per core runs at once; beyond that the server is
 * unavailable, with {@code Retry-After} rather than a queue that grows without bound, and that
 * refused attempt is neither counted nor written. Blocking.
 */
@ApplicationScoped
public class LoginRateLimiter {

    private final Store store;
    private final int maxFailures;
    private final Duration window;
    private final Semaphore checks = new Semaphore(Runtime.getRuntime().availableProcessors());

    LoginRateLimiter(AuthConfig config, Store store) {
        this.store = store;
        this.maxFailures = config.loginMaxFailures();
        this.window = config.loginFailureWindow();
    }

    /** One attempt of {@code client}'s that may check a password; close it with {@link #succeeded} or {@link #close}. */
    public final class Attempt implements AutoCloseable {
        private final String client;

        private Attempt(String client) {
            this.client = client;
        }

        /** The password was right: the client's count starts again. */
        public void succeeded() {
            store.clearLoginAttempts(client, window);
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
        // The slot first: a login that cannot be checked now is not counted, and writes nothing to the store.
        if (!checks.tryAcquire()) {
            throw new Failure.Unavailable("Too many logins are being checked at once; retry in 1 second", 1);
        }
        boolean admitted = false;
        try {
            Store.LoginWindow counted = store.countLoginAttempt(client, window, maxFailures);
            if (counted.attempts() > maxFailures) {
                throw new Failure.LimitReached("Too many failed login attempts; retry in " + counted.secondsLeft() + " seconds",
                        counted.secondsLeft());
            }
            admitted = true;
            return new Attempt(client);
        } finally {
            if (!admitted) {
                checks.release();
            }
        }
    }
}
