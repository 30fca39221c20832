package dev.workbench.store;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.workbench.common.AuditLog;
import dev.workbench.common.Failure;
import dev.workbench.deploy.DeployResult;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import org.jboss.logging.Logger;

/**
 * The store without any setup: append-only JSON-lines files under {@code DATA_DIR} (the audit trail
 * at {@code AUDIT_LOG}), read back when the process starts. Deployments, runs and login counts are
 * also held in memory; the files are compacted to their latest state at startup. One machine's:
 * a Fly volume attaches to one machine.
 */
final class EmbeddedStore implements Store {

    private static final Logger LOG = Logger.getLogger(EmbeddedStore.class);

    /** A deployment line: when it was created, and its state. */
    @RegisterForReflection
    record DeploymentLine(String created, DeployResult deployment) {
    }

    /** A login count line: {@code attempts} 0 clears the client. */
    @RegisterForReflection
    record LoginLine(String client, @JsonProperty("window_start") long windowStart, int attempts) {
    }

    private final ObjectMapper json;
    private final FileChannel dataLock;
    private final JsonLinesFile auditFile;
    private final JsonLinesFile deploymentFile;
    private final JsonLinesFile runFile;
    private final JsonLinesFile loginFile;
    private final Map<String, DeploymentLine> deployments = new LinkedHashMap<>();
    private final Map<String, RunRecord> runs = new LinkedHashMap<>();
    private final Map<String, LoginLine> logins = new LinkedHashMap<>();
    private final AtomicLong auditLines = new AtomicLong();
    /** Guards the maps and keeps each check-then-write whole; a lock, since writers are virtual threads. */
    private final ReentrantLock state = new ReentrantLock();

    private <T> T locked(java.util.function.Supplier<T> action) {
        state.lock();
        try {
            return action.get();
        } finally {
            state.unlock();
        }
    }

    private void locked(Runnable action) {
        locked(() -> {
            action.run();
            return null;
        });
    }

    EmbeddedStore(Path dataDir, Path auditLog, ObjectMapper json, Duration loginWindow) throws IOException {
        this.json = json;
        Files.createDirectories(dataDir);
        // One process per folder: a second one would write to files the first one compacts away.
        this.dataLock = FileChannel.open(dataDir.resolve(".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock held;
        try {
            held = dataLock.tryLock();
        } catch (java.nio.channels.OverlappingFileLockException alreadyOurs) {
            held = null;
        }
        if (held == null) {
            dataLock.close();
            throw new IOException("another process uses it; give each instance its own DATA_DIR, or share DATABASE_URL");
        }
        this.auditFile = new JsonLinesFile(auditLog, json);
        this.deploymentFile = new JsonLinesFile(dataDir.resolve("deployments.jsonl"), json);
        this.runFile = new JsonLinesFile(dataDir.resolve("runs.jsonl"), json);
        this.loginFile = new JsonLinesFile(dataDir.resolve("logins.jsonl"), json);
        auditFile.open();
        auditFile.forEach(line -> {
            auditLines.incrementAndGet();
            return true;
        });

        deploymentFile.open();
        deploymentFile.forEach(line -> {
            DeploymentLine read = readable(deploymentFile, line, DeploymentLine.class);
            if (read != null && read.deployment() != null && read.deployment().deploymentId() != null) {
                DeploymentLine first = deployments.get(read.deployment().deploymentId());
                deployments.put(read.deployment().deploymentId(), first == null ? read : new DeploymentLine(first.created(), read.deployment()));
            }
            return true;
        });
        // Still running when the process ended: it never will now. One machine's store, so nothing else runs them.
        int interrupted = 0;
        for (Map.Entry<String, DeploymentLine> entry : deployments.entrySet()) {
            DeployResult d = entry.getValue().deployment();
            if (RUNNING.equals(d.status())) {
                interrupted++;
                entry.setValue(new DeploymentLine(entry.getValue().created(), new DeployResult(DeployResult.ERROR, d.deploymentId(),
                        d.url(), d.logs(), INTERRUPTED + " deployment ended; check the app's machines", d.target(), d.service(),
                        d.version(), d.strategy(), d.image(), d.runUrl())));
            }
        }
        deploymentFile.rewrite(List.copyOf(deployments.values()));

        runFile.open();
        runFile.forEach(line -> {
            RunRecord run = readable(runFile, line, RunRecord.class);
            if (run != null && run.id() != null && run.startedAt() != null) {
                runs.put(run.id(), run);
            }
            return true;
        });
        for (Map.Entry<String, RunRecord> entry : runs.entrySet()) {
            RunRecord r = entry.getValue();
            if (RunRecord.RUNNING.equals(r.status())) {
                interrupted++;
                entry.setValue(new RunRecord(r.id(), r.kind(), r.agent(), r.user(), r.models(), RunRecord.FAILED, r.startedAt(),
                        null, r.inputTokens(), r.outputTokens(), INTERRUPTED + " run ended"));
            }
        }
        runFile.rewrite(List.copyOf(runs.values()));

        loginFile.open();
        long now = System.currentTimeMillis();
        loginFile.forEach(line -> {
            LoginLine login = readable(loginFile, line, LoginLine.class);
            if (login != null && login.client() != null) {
                if (login.attempts() > 0 && now - login.windowStart() < loginWindow.toMillis()) {
                    logins.put(login.client(), login);
                } else {
                    logins.remove(login.client());
                }
            }
            return true;
        });
        loginFile.rewrite(List.copyOf(logins.values()));
        LOG.infof("Embedded store in %s (audit trail %s): %d deployments, %d runs, %d audit lines", dataDir.toAbsolutePath(),
                auditLog.toAbsolutePath(), deployments.size(), runs.size(), auditLines.get());
        if (interrupted > 0) {
            LOG.warnf("Embedded store: %d deployments and runs were still running when the service last stopped; "
                    + "recorded as ended with an error", interrupted);
        }
    }

    private static final String RUNNING = "running";
    private static final String INTERRUPTED = "The service stopped before this";

    /** The line as a {@code type}; null, with a warning, for a line that is JSON but not one (edited by hand). */
    private <T> T readable(JsonLinesFile file, JsonNode line, Class<T> type) {
        try {
            return json.treeToValue(line, type);
        } catch (IOException | IllegalArgumentException unreadable) {
            LOG.warnf("%s: a line that is not a record was skipped", file.path());
            return null;
        }
    }

    @Override
    public String kind() {
        return "embedded";
    }

    private static Failure.Unavailable unwritable(JsonLinesFile file, IOException e) {
        LOG.errorf("Cannot write %s: %s", file.path(), e.getMessage());
        return new Failure.Unavailable("The store cannot record this now (" + file.path().getFileName() + " is not writable); nothing was done", 5);
    }

    @Override
    public void appendAudit(AuditLog.Entry entry) {
        write(auditFile, entry);
        auditLines.incrementAndGet();
    }

    @Override
    public List<AuditLog.Entry> audit(Instant since, long after, int limit) {
        List<AuditLog.Entry> page = new ArrayList<>();
        AtomicLong number = new AtomicLong();
        try {
            auditFile.forEach(line -> {
                long id = number.incrementAndGet();
                if (id <= after) {
                    return true;
                }
                AuditLog.Entry entry = readable(auditFile, line, AuditLog.Entry.class);
                if (entry != null && !instant(entry.timestamp()).isBefore(since)) {
                    page.add(entry.withId(id));
                }
                return page.size() < limit;
            });
        } catch (IOException e) {
            throw new Failure.Unavailable("The audit trail cannot be read now: " + e.getMessage(), 5);
        }
        return page;
    }

    @Override
    public boolean createDeployment(DeployResult deployment, Instant created) {
        return locked(() -> {
            if (deployments.containsKey(deployment.deploymentId())) {
                return false;
            }
            DeploymentLine line = new DeploymentLine(created.toString(), deployment);
            write(deploymentFile, line);
            deployments.put(deployment.deploymentId(), line);
            return true;
        });
    }

    @Override
    public void finishDeployment(DeployResult deployment) {
        locked(() -> {
            DeploymentLine first = deployments.get(deployment.deploymentId());
            DeploymentLine line = new DeploymentLine(first == null ? Instant.now().toString() : first.created(), deployment);
            write(deploymentFile, line);
            deployments.put(deployment.deploymentId(), line);
        });
    }

    @Override
    public Optional<DeployResult> deployment(String id) {
        return locked(() -> {
            return Optional.ofNullable(deployments.get(id)).map(DeploymentLine::deployment);
        });
    }

    @Override
    public List<DeployResult> deployments(int offset, int limit) {
        return locked(() -> {
            List<DeployResult> newestFirst = new ArrayList<>(deployments.values().stream().map(DeploymentLine::deployment).toList());
            java.util.Collections.reverse(newestFirst);
            return page(newestFirst, offset, limit);
        });
    }

    @Override
    public void saveRun(RunRecord run) {
        locked(() -> {
            write(runFile, run);
            runs.put(run.id(), run);
        });
    }

    @Override
    public Optional<RunRecord> run(String id) {
        return locked(() -> {
            return Optional.ofNullable(runs.get(id));
        });
    }

    @Override
    public List<RunRecord> runs(int offset, int limit) {
        return locked(() -> {
            List<RunRecord> newestFirst = new ArrayList<>(runs.values());
            java.util.Collections.reverse(newestFirst);
            return page(newestFirst, offset, limit);
        });
    }

    /** An entry's time; one that does not parse counts as the epoch (listed from the start of the trail). */
    private static Instant instant(String timestamp) {
        try {
            return Instant.parse(timestamp);
        } catch (RuntimeException unreadable) {
            return Instant.EPOCH;
        }
    }

    private static <T> List<T> page(List<T> all, int offset, int limit) {
        if (offset >= all.size()) {
            return List.of();
        }
        return List.copyOf(all.subList(offset, Math.min(all.size(), offset + limit)));
    }

    @Override
    public LoginWindow countLoginAttempt(String client, Duration window, int limit) {
        return locked(() -> {
            long now = System.currentTimeMillis();
            LoginLine current = logins.get(client);
            LoginLine counted = current == null || now - current.windowStart() >= window.toMillis() || now < current.windowStart()
                    ? new LoginLine(client, now, 1)
                    : new LoginLine(client, current.windowStart(), Math.min(limit + 1, current.attempts() + 1));
            // Past the limit the count stops changing, and a burst of refused attempts writes nothing.
            if (!counted.equals(current)) {
                write(loginFile, counted);
            }
            logins.put(client, counted);
            if (logins.size() > 10_000) {
                logins.values().removeIf(line -> now - line.windowStart() >= window.toMillis());
            }
            long left = counted.windowStart() + window.toMillis() - now;
            return new LoginWindow(counted.attempts(), Math.max(1, (left + 999) / 1000));
        });
    }

    @Override
    public void clearLoginAttempts(String client, Duration window) {
        locked(() -> {
            if (logins.remove(client) != null) {
                write(loginFile, new LoginLine(client, 0, 0));
            }
        });
    }

    private static void write(JsonLinesFile file, Object record) {
        try {
            file.append(record);
        } catch (IOException e) {
            throw unwritable(file, e);
        }
    }

    @Override
    public void close() {
        for (JsonLinesFile file : List.of(auditFile, deploymentFile, runFile, loginFile)) {
            try {
                file.close();
            } catch (IOException e) {
                LOG.errorf("Cannot close %s: %s", file.path(), e.getMessage());
            }
        }
        try {
            dataLock.close();
        } catch (IOException e) {
            LOG.errorf("Cannot release the lock of the data folder: %s", e.getMessage());
        }
    }
}
