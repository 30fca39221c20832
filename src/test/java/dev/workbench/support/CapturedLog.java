package dev.workbench.support;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * What the application logs while a test runs, at or above a level, and every record that carries
 * a stack trace whatever its level. In-process tests only; close it to stop listening.
 */
public final class CapturedLog implements AutoCloseable {

    private final List<LogRecord> records = new CopyOnWriteArrayList<>();
    private final Handler handler;

    private CapturedLog(Level threshold) {
        this.handler = new Handler() {
            @Override
            public void publish(LogRecord record) {
                if (record.getLevel().intValue() >= threshold.intValue() || record.getThrown() != null) {
                    records.add(record);
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger.getLogger("").addHandler(handler);
    }

    /** Starts listening to records at or above {@code threshold}, and to any with a stack trace. */
    public static CapturedLog atOrAbove(Level threshold) {
        return new CapturedLog(threshold);
    }

    /** {@code logger: message} of each record so far. */
    public List<String> lines() {
        return records.stream().map(r -> r.getLoggerName() + ": " + r.getMessage()).toList();
    }

    public void clear() {
        records.clear();
    }

    @Override
    public void close() {
        Logger.getLogger("").removeHandler(handler);
    }
}
