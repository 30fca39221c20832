package dev.workbench.store;

import dev.workbench.common.AuditLog;
import dev.workbench.deploy.DeployResult;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What must outlive the process and be the same from every machine: deployments, the audit trail,
 * login failure counts and agent runs. Every write is durable when the call returns; a write that
 * cannot be made fails with {@link dev.workbench.common.Failure.Unavailable}, having recorded
 * nothing. Blocking: callers are on worker or virtual threads, never on the event loop.
 */
public interface Store {

    /** {@code embedded} or {@code postgresql}, for the logs and the README. */
    String kind();

    /** Appends one line to the audit trail; the trail is never changed otherwise. */
    void appendAudit(AuditLog.Entry entry);

    /** Audit entries at or after {@code since} whose id is above {@code after}, oldest first, at most {@code limit}. */
    List<AuditLog.Entry> audit(Instant since, long after, int limit);

    /** Records a new deployment under its id; false, recording nothing, when the id is taken. */
    boolean createDeployment(DeployResult deployment, Instant created);

    /** Records a deployment's final state (its id was created before). */
    void finishDeployment(DeployResult deployment);

    Optional<DeployResult> deployment(String id);

    /** Deployments newest first, skipping {@code offset}. */
    List<DeployResult> deployments(int offset, int limit);

    /** Records a run's state, new or changed. */
    void saveRun(RunRecord run);

    Optional<RunRecord> run(String id);

    /** Runs newest first, skipping {@code offset}. */
    List<RunRecord> runs(int offset, int limit);

    /**
     * Counts one login attempt of {@code client} in its window (a new window when the last one is older
     * than {@code window}), atomically for every machine sharing the store; returns the count so far
     * (never above {@code limit + 1}) and the seconds left in the window.
     */
    LoginWindow countLoginAttempt(String client, Duration window, int limit);

    /** A successful login: the client's count starts again (and windows older than {@code window} may be forgotten). */
    void clearLoginAttempts(String client, Duration window);

    /** Flushes and closes; later writes fail. */
    void close();

    /** A client's attempts in its current window and the whole seconds until that window ends. */
    record LoginWindow(int attempts, long secondsLeft) {
    }
}
