package dev.workbench.store;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
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
    private final JsonLinesFile auditFile;
    private final JsonLinesFile deploymentFile;
    private final JsonLinesFile runFile;
    private final JsonLinesFile loginFile;
    private final Map<String, DeploymentLine> deployments = new LinkedHashMap<>();
    private final Map<String, RunRecord> runs = new LinkedHashMap<>();
    private final Map<String, LoginLine> logins = new LinkedHashMap<>();
    private final AtomicLong auditLines = new AtomicLong();

    EmbeddedStore(Path dataDir, Path auditLog, ObjectMapper json) throws IOException {
        this.json = json;
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
        for (JsonNode line : deploymentFile.readAll()) {
            DeploymentLine read = json.treeToValue(line, DeploymentLine.class);
            DeploymentLine first = deployments.get(read.deployment().deploymentId());
            deployments.put(read.deployment().deploymentId(), first == null ? read : new DeploymentLine(first.created(), read.deployment()));
        }
        deploymentFile.rewrite(List.copyOf(deployments.values()));
        runFile.open();
        for (JsonNode line : runFile.readAll()) {
            RunRecord run = json.treeToValue(line, RunRecord.class);
            runs.put(run.id(), run);
        }
        runFile.rewrite(List.copyOf(runs.values()));
        loginFile.open();
        for (JsonNode line : loginFile.readAll()) {
            LoginLine login = json.treeToValue(line, LoginLine.class);
            if (login.attempts() > 0) {
                logins.put(login.client(), login);
            } else {
                logins.remove(login.client());
            }
        }
        loginFile.rewrite(List.copyOf(logins.values()));
        LOG.infof("Embedded store in %s (audit trail %s): %d deployments, %d runs, %d audit lines", dataDir.toAbsolutePath(),
                auditLog.toAbsolutePath(), deployments.size(), runs.size(), auditLines.get());
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
        synchronized (auditFile) {
            try {
                auditFile.append(entry);
                auditLines.incrementAndGet();
            } catch (IOException e) {
                throw unwritable(auditFile, e);
            }
        }
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
                AuditLog.Entry entry = json.convertValue(line, AuditLog.Entry.class);
                if (!Instant.parse(entry.timestamp()).isBefore(since)) {
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
    public synchronized boolean createDeployment(DeployResult deployment, Instant created) {
        if (deployments.containsKey(deployment.deploymentId())) {
            return false;
        }
        DeploymentLine line = new DeploymentLine(created.toString(), deployment);
        write(deploymentFile, line);
        deployments.put(deployment.deploymentId(), line);
        return true;
    }

    @Override
    public synchronized void finishDeployment(DeployResult deployment) {
        DeploymentLine first = deployments.get(deployment.deploymentId());
        DeploymentLine line = new DeploymentLine(first == null ? Instant.now().toString() : first.created(), deployment);
        write(deploymentFile, line);
        deployments.put(deployment.deploymentId(), line);
    }

    @Override
    public synchronized Optional<DeployResult> deployment(String id) {
        return Optional.ofNullable(deployments.get(id)).map(DeploymentLine::deployment);
    }

    @Override
    public synchronized List<DeployResult> deployments(int offset, int limit) {
        List<DeployResult> newestFirst = new ArrayList<>(deployments.values().stream().map(DeploymentLine::deployment).toList());
        java.util.Collections.reverse(newestFirst);
        return page(newestFirst, offset, limit);
    }

    @Override
    public synchronized void saveRun(RunRecord run) {
        write(runFile, run);
        runs.put(run.id(), run);
    }

    @Override
    public synchronized Optional<RunRecord> run(String id) {
        return Optional.ofNullable(runs.get(id));
    }

    @Override
    public synchronized List<RunRecord> runs(int offset, int limit) {
        List<RunRecord> newestFirst = new ArrayList<>(runs.values());
        java.util.Collections.reverse(newestFirst);
        return page(newestFirst, offset, limit);
    }

    private static <T> List<T> page(List<T> all, int offset, int limit) {
        if (offset >= all.size()) {
            return List.of();
        }
        return List.copyOf(all.subList(offset, Math.min(all.size(), offset + limit)));
    }

    @Override
    public synchronized LoginWindow countLoginAttempt(String client, Duration window, int limit) {
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
    }

    @Override
    public synchronized void uncountLoginAttempt(String client) {
        LoginLine current = logins.get(client);
        if (current != null) {
            LoginLine less = new LoginLine(client, current.windowStart(), current.attempts() - 1);
            write(loginFile, less);
            if (less.attempts() > 0) {
                logins.put(client, less);
            } else {
                logins.remove(client);
            }
        }
    }

    @Override
    public synchronized void clearLoginAttempts(String client) {
        if (logins.remove(client) != null) {
            write(loginFile, new LoginLine(client, 0, 0));
        }
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
    }
}
