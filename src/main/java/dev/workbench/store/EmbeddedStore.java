package dev.workbench.store;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.workbench.common.AuditLog;
import dev.workbench.common.Failure;
import dev.workbench.deploy.DeployResult;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.io.IOException;
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

    private final ObjectMapper json;
    private final DataDirLock dataLock;
    private final JsonLinesFile auditFile;
    private final JsonLinesFile deploymentFile;
    private final JsonLinesFile runFile;
    private final EmbeddedLogins logins;
    private final Map<String, DeploymentLine> deployments = new LinkedHashMap<>();
    private final Map<String, RunRecord> runs = new LinkedHashMap<>();
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
        this.dataLock = DataDirLock.take(dataDir);
        this.auditFile = new JsonLinesFile(auditLog, json);
        this.deploymentFile = new JsonLinesFile(dataDir.resolve("deployments.jsonl"), json);
        this.runFile = new JsonLinesFile(dataDir.resolve("runs.jsonl"), json);
        auditFile.open();
        auditFile.forEach(line -> {
            auditLines.incrementAndGet();
            return true;
        });

        deploymentFile.open();
        deploymentFile.forEach(line -> {
            DeploymentLine read = deploymentFile.readAs(line, DeploymentLine.class);
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
            RunRecord run = runFile.readAs(line, RunRecord.class);
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

        this.logins = new EmbeddedLogins(new JsonLinesFile(dataDir.resolve("logins.jsonl"), json), loginWindow);
        LOG.infof("Embedded store in %s (audit trail %s): %d deployments, %d runs, %d audit lines", dataDir.toAbsolutePath(),
                auditLog.toAbsolutePath(), deployments.size(), runs.size(), auditLines.get());
        if (interrupted > 0) {
            LOG.warnf("Embedded store: %d deployments and runs were still running when the service last stopped; "
                    + "recorded as ended with an error", interrupted);
        }
    }

    private static final String RUNNING = "running";
    private static final String INTERRUPTED = "The service stopped before this";

    @Override
    public String kind() {
        return "embedded";
    }

    @Override
    public void appendAudit(AuditLog.Entry entry) {
        auditFile.write(entry);
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
                AuditLog.Entry entry = auditFile.readAs(line, AuditLog.Entry.class);
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
            deploymentFile.write(line);
            deployments.put(deployment.deploymentId(), line);
            return true;
        });
    }

    @Override
    public void finishDeployment(DeployResult deployment) {
        locked(() -> {
            DeploymentLine first = deployments.get(deployment.deploymentId());
            DeploymentLine line = new DeploymentLine(first == null ? Instant.now().toString() : first.created(), deployment);
            deploymentFile.write(line);
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
            runFile.write(run);
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
        return logins.count(client, window, limit);
    }

    @Override
    public void clearLoginAttempts(String client, Duration window) {
        logins.clear(client);
    }

    @Override
    public void close() {
        logins.close();
        for (JsonLinesFile file : List.of(auditFile, deploymentFile, runFile)) {
            try {
                file.close();
            } catch (IOException e) {
                LOG.errorf("Cannot close %s: %s", file.path(), e.getMessage());
            }
        }
        dataLock.close();
    }
}
