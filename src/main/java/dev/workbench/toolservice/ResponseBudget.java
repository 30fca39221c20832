package dev.workbench.toolservice;

import jakarta.inject.Singleton;
import java.lang.ref.Cleaner;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The bytes of tool-service answers read whole (an agent's tool calls; the proxy streams instead)
 * held in memory at once, across all requests: an eighth of the heap (an answer is copied up to
 * three times while it is read and used). A read that would pass
 * the budget stops, and its caller is told the server is unavailable for now, instead of the JVM running out of memory under many
 * large answers at once. Bytes are returned when the answer has been written to its client, or, as
 * a safety net, when it is garbage-collected unreturned.
 */
@Singleton
public class ResponseBudget {

    private final Cleaner cleaner = Cleaner.create();
    private final long total;
    private final AtomicLong available;

    ResponseBudget() {
        this(Math.max(16L << 20, Runtime.getRuntime().maxMemory() / 8));
    }

    ResponseBudget(long total) {
        this.total = total;
        this.available = new AtomicLong(total);
    }

    public long total() {
        return total;
    }

    /** Bytes held for one answer; {@link #release()} returns them all, once. */
    public final class Hold {
        private final AtomicLong held = new AtomicLong();
        private final AtomicBoolean released = new AtomicBoolean();

        /** Takes {@code bytes} more; false (and nothing taken) when the budget has not got them. */
        public boolean take(long bytes) {
            while (true) {
                long now = available.get();
                if (now < bytes) {
                    return false;
                }
                if (available.compareAndSet(now, now - bytes)) {
                    held.addAndGet(bytes);
                    return true;
                }
            }
        }

        public void release() {
            if (released.compareAndSet(false, true)) {
                available.addAndGet(held.getAndSet(0));
            }
        }
    }

    /** A new hold for an answer not yet built; register its owner with {@link #watch}. */
    public Hold hold() {
        return new Hold();
    }

    /** Returns {@code hold}'s bytes when {@code owner} is collected, if nobody released them first. */
    public void watch(Object owner, Hold hold) {
        cleaner.register(owner, hold::release);
    }
}
