package dev.workbench.store;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.jboss.logging.Logger;

/**
 * One process per {@code DATA_DIR}: an exclusive lock on its {@code .lock} file, held while the store
 * is open. A second process would append to files the first one compacts away at its startup.
 */
final class DataDirLock implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(DataDirLock.class);

    private final FileChannel channel;

    private DataDirLock(FileChannel channel) {
        this.channel = channel;
    }

    /** Takes the folder (creating it), or fails saying another process has it. */
    static DataDirLock take(Path dataDir) throws IOException {
        Files.createDirectories(dataDir);
        FileChannel channel = FileChannel.open(dataDir.resolve(".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock held;
        try {
            held = channel.tryLock();
        } catch (OverlappingFileLockException alreadyThisProcess) {
            held = null;
        }
        if (held == null) {
            channel.close();
            throw new IOException("another process uses it; give each instance its own DATA_DIR, or share DATABASE_URL");
        }
        return new DataDirLock(channel);
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException e) {
            LOG.errorf("Cannot release the lock of the data folder: %s", e.getMessage());
        }
    }
}
