package dev.workbench.store;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The embedded store's login failure counts: in memory, each change appended to {@code logins.jsonl}
 * so a restart keeps the windows still open. A count stops changing past the limit, so a burst of
 * refused attempts writes nothing; windows that ended are dropped when the file is compacted at startup.
 */
final class EmbeddedLogins implements AutoCloseable {

    /** A client's window: {@code attempts} 0 clears the client. */
    @RegisterForReflection
    record LoginLine(String client, @JsonProperty("window_start") long windowStart, int attempts) {
    }

    /** Past this many tracked clients, windows that ended are swept before a new one is added. */
    private static final int SWEEP_THRESHOLD = 10_000;

    private final JsonLinesFile file;
    private final Map<String, LoginLine> windows = new LinkedHashMap<>();
    private final ReentrantLock lock = new ReentrantLock();

    EmbeddedLogins(JsonLinesFile file, Duration window) throws IOException {
        this.file = file;
        file.open();
        long now = System.currentTimeMillis();
        file.forEach(line -> {
            LoginLine login = file.readAs(line, LoginLine.class);
            if (login != null && login.client() != null) {
                if (login.attempts() > 0 && now - login.windowStart() < window.toMillis()) {
                    windows.put(login.client(), login);
                } else {
                    windows.remove(login.client());
                }
            }
            return true;
        });
        file.rewrite(List.copyOf(windows.values()));
    }

    Store.LoginWindow count(String client, Duration window, int limit) {
        lock.lock();
        try {
            long now = System.currentTimeMillis();
            LoginLine current = windows.get(client);
            LoginLine counted = current == null || now - current.windowStart() >= window.toMillis() || now < current.windowStart()
                    ? new LoginLine(client, now, 1)
                    : new LoginLine(client, current.windowStart(), Math.min(limit + 1, current.attempts() + 1));
            if (!counted.equals(current)) {
                file.write(counted);
            }
            windows.put(client, counted);
            if (windows.size() > SWEEP_THRESHOLD) {
                windows.values().removeIf(line -> now - line.windowStart() >= window.toMillis());
            }
            long left = counted.windowStart() + window.toMillis() - now;
            return new Store.LoginWindow(counted.attempts(), Math.max(1, (left + 999) / 1000));
        } finally {
            lock.unlock();
        }
    }

    void clear(String client) {
        lock.lock();
        try {
            if (windows.remove(client) != null) {
                file.write(new LoginLine(client, 0, 0));
            }
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void close() {
        try {
            file.close();
        } catch (IOException ignored) {
            // closing flushes; a file that cannot be closed lost nothing already synced
        }
    }
}
