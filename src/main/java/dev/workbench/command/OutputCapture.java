package dev.workbench.command;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicBoolean;

/** One output stream: kept up to the cap, read to its end regardless so the process never blocks. */
final class OutputCapture {
    private final String name;
    private final long max;
    private final ProcessRunner.Lines lines;
    private final ByteArrayOutputStream kept = new ByteArrayOutputStream();
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();
    private final AtomicBoolean truncated = new AtomicBoolean();
    private String note;

    OutputCapture(String name, long max, ProcessRunner.Lines lines) {
        this.name = name;
        this.max = max;
        this.lines = lines;
    }

    void drain(InputStream in) {
        byte[] buffer = new byte[8192];
        try (in) {
            int n;
            while ((n = in.read(buffer)) >= 0) {
                int keep = (int) Math.max(0, Math.min(n, max - kept.size()));
                synchronized (kept) {
                    kept.write(buffer, 0, keep);
                }
                if (keep < n) {
                    truncated.set(true);
                }
                split(buffer, n);
            }
        } catch (IOException e) {
            // the process was killed, or closed its end
        }
        if (line.size() > 0) {
            lines.line(name, line.toString(StandardCharsets.UTF_8));
        }
    }

    private void split(byte[] buffer, int n) {
        for (int i = 0; i < n; i++) {
            if (buffer[i] == '\n') {
                lines.line(name, line.toString(StandardCharsets.UTF_8));
                line.reset();
            } else if (line.size() < 64 * 1024) {
                line.write(buffer[i]);
            }
        }
    }

    /** Whether the stream said more than the cap kept. */
    boolean truncated() {
        return truncated.get();
    }

    String text() {
        synchronized (kept) {
            String text = kept.toString(StandardCharsets.UTF_8);
            return note == null ? text : appendLine(text, note);
        }
    }

    private static String appendLine(String text, String line) {
        return text.isEmpty() || text.endsWith("\n") ? text + line : text + "\n" + line;
    }

    /** A line of our own, added after whatever the process wrote. */
    void note(String text) {
        synchronized (kept) {
            note = note == null ? text : note + "\n" + text;
        }
    }
}
