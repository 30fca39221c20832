package dev.workbench.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Predicate;
import org.jboss.logging.Logger;

/**
 * An append-only file of JSON lines. Each record is one write of a whole line, under a file lock
 * (other processes never interleave) and synced to the disk before {@link #append} returns. When
 * opened, a torn last line (a crash in the middle of a write) is cut off with a warning, so nothing
 * before it is lost and the next line starts on a line of its own.
 */
final class JsonLinesFile implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(JsonLinesFile.class);

    private final Path path;
    private final ObjectMapper json;
    /** A lock, not a monitor: writers are virtual threads, and one waiting on fsync must not pin its carrier. */
    private final ReentrantLock lock = new ReentrantLock();
    private FileChannel channel;
    /** Closed for good: at shutdown, after the last request. */
    private boolean closed;

    JsonLinesFile(Path path, ObjectMapper json) {
        this.path = path;
        this.json = json;
    }

    Path path() {
        return path;
    }

    /** Opens (creating the file and its folder), cutting off a torn last line. */
    void open() throws IOException {
        lock.lock();
        try {
            openLocked();
        } finally {
            lock.unlock();
        }
    }

    private void openLocked() throws IOException {
        Path parent = path.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        channel = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
        try (FileLock lock = channel.lock()) {
            long keep = endOfLastGoodLine();
            if (keep < channel.size()) {
                LOG.warnf("%s: its last line is torn (%d bytes, a write cut short by a crash); skipped, and the %d bytes "
                        + "before it kept", path, channel.size() - keep, keep);
                channel.truncate(keep);
                channel.force(true);
            }
        }
    }

    /** Where the last complete line that parses as JSON ends: the file's size when nothing is torn. */
    private long endOfLastGoodLine() throws IOException {
        long size = channel.size();
        if (size == 0) {
            return 0;
        }
        long end = size;
        if (byteAt(size - 1) != '\n') {
            end = lastNewlineBefore(size - 1) + 1;
            if (end == size) {
                return size;
            }
        }
        if (end == 0) {
            return 0;
        }
        long start = lastNewlineBefore(end - 1) + 1;
        ByteBuffer line = ByteBuffer.allocate((int) Math.min(Integer.MAX_VALUE - 8, end - start));
        channel.read(line, start);
        try {
            json.readTree(line.array(), 0, line.position());
            return end;
        } catch (IOException unreadable) {
            return start;
        }
    }

    private byte byteAt(long position) throws IOException {
        ByteBuffer one = ByteBuffer.allocate(1);
        channel.read(one, position);
        return one.get(0);
    }

    /** The position of the last {@code \n} before {@code position}, or -1. */
    private long lastNewlineBefore(long position) throws IOException {
        ByteBuffer block = ByteBuffer.allocate(8192);
        long end = position;
        while (end > 0) {
            long start = Math.max(0, end - block.capacity());
            block.clear().limit((int) (end - start));
            channel.read(block, start);
            for (int i = block.position() - 1; i >= 0; i--) {
                if (block.get(i) == '\n') {
                    return start + i;
                }
            }
            end = start;
        }
        return -1;
    }

    /** Appends {@code record} as one line and syncs it; fails, writing nothing, when it cannot. */
    void append(Object record) throws IOException {
        lock.lock();
        // A FileChannel closes itself when its thread is interrupted (a stopped deployment, a killed
        // command): the write runs uninterrupted, and the interrupt is handed back after it.
        boolean interrupted = Thread.interrupted();
        try {
            appendLocked(record);
        } finally {
            lock.unlock();
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void appendLocked(Object record) throws IOException {
        if (closed) {
            throw new IOException(path + " is closed");
        }
        if (channel == null || !channel.isOpen()) {
            // Closed under us before (an interrupt, an I/O error): opened again, cutting any torn line.
            channel = null;
            openLocked();
        }
        byte[] line = (json.writeValueAsString(record) + "\n").getBytes(StandardCharsets.UTF_8);
        try (FileLock lock = channel.lock()) {
            long start = channel.size();
            ByteBuffer buffer = ByteBuffer.wrap(line);
            try {
                while (buffer.hasRemaining()) {
                    channel.write(buffer, start + buffer.position());
                }
                channel.force(false);
            } catch (IOException failed) {
                // No half line stays behind to glue the next record to.
                channel.truncate(start);
                throw failed;
            }
        }
    }

    /** Appends {@code record} as {@link #append} does; a store failure the caller can answer with (503) when it cannot. */
    void write(Object record) {
        try {
            append(record);
        } catch (IOException e) {
            LOG.errorf("Cannot write %s: %s", path, e.getMessage());
            throw new dev.workbench.common.Failure.Unavailable("The store cannot record this now (" + path.getFileName()
                    + " is not writable); nothing was done", 5);
        }
    }

    /** A line as a {@code type}; null, with a warning, for a line that is JSON but no such record (edited by hand). */
    <T> T readAs(JsonNode line, Class<T> type) {
        try {
            return json.treeToValue(line, type);
        } catch (IOException | IllegalArgumentException unreadable) {
            LOG.warnf("%s: a line that is not a record was skipped", path);
            return null;
        }
    }

    /** Reads the lines in order until {@code consumer} says stop. */
    void forEach(Predicate<JsonNode> consumer) throws IOException {
        if (!Files.exists(path)) {
            return;
        }
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(Channels.newInputStream(
                FileChannel.open(path, StandardOpenOption.READ)), StandardCharsets.UTF_8))) {
            String line;
            long number = 0;
            while ((line = reader.readLine()) != null) {
                number++;
                if (line.isBlank()) {
                    continue;
                }
                JsonNode node;
                try {
                    node = json.readTree(line);
                } catch (IOException unreadable) {
                    LOG.warnf("%s: line %d is not JSON; skipped", path, number);
                    continue;
                }
                if (!consumer.test(node)) {
                    return;
                }
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    /** Replaces the file with {@code records}, atomically: a crash leaves the old file or the new one. */
    void rewrite(List<?> records) throws IOException {
        lock.lock();
        try {
            rewriteLocked(records);
        } finally {
            lock.unlock();
        }
    }

    private void rewriteLocked(List<?> records) throws IOException {
        Path temporary = path.resolveSibling(path.getFileName() + ".tmp");
        try (FileChannel out = FileChannel.open(temporary, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            for (Object record : records) {
                ByteBuffer buffer = ByteBuffer.wrap((json.writeValueAsString(record) + "\n").getBytes(StandardCharsets.UTF_8));
                while (buffer.hasRemaining()) {
                    out.write(buffer);
                }
            }
            out.force(true);
        }
        closeLocked();
        Files.move(temporary, path, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        channel = FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE);
    }

    @Override
    public void close() throws IOException {
        lock.lock();
        try {
            closed = true;
            closeLocked();
        } finally {
            lock.unlock();
        }
    }

    private void closeLocked() throws IOException {
        if (channel != null && channel.isOpen()) {
            channel.force(true);
            channel.close();
        }
        channel = null;
    }
}
