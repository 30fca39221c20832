package dev.workbench.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.workbench.common.AuditLog;
import dev.workbench.common.Failure;
import dev.workbench.deploy.DeployResult;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.jboss.logging.Logger;

/**
 * The store every machine shares: PostgreSQL over JDBC (Agroal's pool), its schema migrated by
 * Flyway at startup. Each call is one autocommitted statement, so a record is written whole or not
 * at all; login attempts are counted by one atomic upsert on the database's clock.
 */
final class PostgresStore implements Store {

    private static final Logger LOG = Logger.getLogger(PostgresStore.class);

    private final DataSource database;
    private final ObjectMapper json;

    PostgresStore(DataSource database, ObjectMapper json) {
        this.database = database;
        this.json = json;
    }

    /**
     * The record as JSON that PostgreSQL's jsonb accepts: it refuses the character U+0000 (a command
     * can print one), which becomes U+FFFD; an escaped backslash before "u0000" is left alone.
     */
    private String jsonb(Object record) throws JsonProcessingException {
        return NUL.matcher(json.writeValueAsString(record)).replaceAll("$1\\\\ufffd");
    }

    private static final java.util.regex.Pattern NUL = java.util.regex.Pattern.compile("(?<!\\\\)((?:\\\\\\\\)*)\\\\u0000");

    /**
     * Deployments and runs still {@code running} a day after they began were left so by a machine that
     * stopped mid-way (any other machine's would have ended by then): recorded as ended with an error,
     * as the embedded store does at startup with all of its own.
     */
    void settleAbandoned() {
        try {
            int settled = execute("settling abandoned records", connection -> {
                int count = 0;
                try (PreparedStatement deployments = connection.prepareStatement("""
                        UPDATE deployments SET result = jsonb_set(jsonb_set(result, '{status}', '"error"'), '{error}', to_jsonb(?::text))
                        WHERE result->>'status' = 'running' AND created_at < now() - interval '1 day'""")) {
                    deployments.setString(1, "The service stopped before this deployment ended; check the app's machines");
                    count += deployments.executeUpdate();
                }
                try (PreparedStatement runs = connection.prepareStatement("""
                        UPDATE agent_runs SET record = jsonb_set(jsonb_set(record, '{status}', '"failed"'), '{error}', to_jsonb(?::text))
                        WHERE record->>'status' = 'running' AND started_at < now() - interval '1 day'""")) {
                    runs.setString(1, "The service stopped before this run ended");
                    count += runs.executeUpdate();
                }
                return count;
            });
            if (settled > 0) {
                LOG.warnf("PostgreSQL store: %d deployments and runs still running a day after they began were recorded "
                        + "as ended with an error", settled);
            }
        } catch (dev.workbench.common.Failure.Unavailable notNow) {
            // logged by execute; the next start tries again
        }
    }

    @Override
    public String kind() {
        return "postgresql";
    }

    @FunctionalInterface
    private interface Statement<T> {
        T run(Connection connection) throws SQLException, JsonProcessingException;
    }

    private <T> T execute(String what, Statement<T> statement) {
        try (Connection connection = database.getConnection()) {
            return statement.run(connection);
        } catch (SQLException e) {
            String state = e.getSQLState() == null ? "" : e.getSQLState();
            LOG.errorf("PostgreSQL store, %s: SQLState %s, %s", what, state, e.getClass().getSimpleName());
            if (state.isEmpty() || state.startsWith("08") || state.startsWith("57") || state.startsWith("53")) {
                throw new Failure.Unavailable("The database cannot be reached now (" + what + "); nothing was recorded", 5);
            }
            throw new Failure.Unavailable("The database refused the record (" + what + ", SQLState " + state + "); nothing was recorded");
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A stored record does not read back: " + e.getOriginalMessage(), e);
        }
    }

    @Override
    public void appendAudit(AuditLog.Entry entry) {
        execute("appending to the audit trail", connection -> {
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO audit_log (at, entry) VALUES (?, CAST(? AS jsonb))")) {
                insert.setTimestamp(1, Timestamp.from(Instant.parse(entry.timestamp())));
                insert.setString(2, jsonb(entry));
                return insert.executeUpdate();
            }
        });
    }

    @Override
    public List<AuditLog.Entry> audit(Instant since, long after, int limit) {
        return execute("reading the audit trail", connection -> {
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT id, entry::text FROM audit_log WHERE at >= ? AND id > ? ORDER BY id LIMIT ?")) {
                select.setTimestamp(1, Timestamp.from(since));
                select.setLong(2, after);
                select.setInt(3, limit);
                List<AuditLog.Entry> page = new ArrayList<>();
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        page.add(json.readValue(rows.getString(2), AuditLog.Entry.class).withId(rows.getLong(1)));
                    }
                }
                return page;
            }
        });
    }

    @Override
    public boolean createDeployment(DeployResult deployment, Instant created) {
        return execute("recording a deployment", connection -> {
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO deployments (id, created_at, result) VALUES (?, ?, CAST(? AS jsonb)) ON CONFLICT (id) DO NOTHING")) {
                insert.setString(1, deployment.deploymentId());
                insert.setTimestamp(2, Timestamp.from(created));
                insert.setString(3, jsonb(deployment));
                return insert.executeUpdate() == 1;
            }
        });
    }

    @Override
    public void finishDeployment(DeployResult deployment) {
        execute("recording a deployment's result", connection -> {
            try (PreparedStatement update = connection.prepareStatement("UPDATE deployments SET result = CAST(? AS jsonb) WHERE id = ?")) {
                update.setString(1, jsonb(deployment));
                update.setString(2, deployment.deploymentId());
                return update.executeUpdate();
            }
        });
    }

    @Override
    public Optional<DeployResult> deployment(String id) {
        return one("reading a deployment", "SELECT result::text FROM deployments WHERE id = ?", id, DeployResult.class);
    }

    @Override
    public List<DeployResult> deployments(int offset, int limit) {
        return page("listing deployments", "SELECT result::text FROM deployments ORDER BY created_at DESC, id DESC OFFSET ? LIMIT ?",
                offset, limit, DeployResult.class);
    }

    @Override
    public void saveRun(RunRecord run) {
        execute("recording a run", connection -> {
            try (PreparedStatement upsert = connection.prepareStatement("INSERT INTO agent_runs (id, started_at, record) "
                    + "VALUES (?, ?, CAST(? AS jsonb)) ON CONFLICT (id) DO UPDATE SET record = EXCLUDED.record")) {
                upsert.setString(1, run.id());
                upsert.setTimestamp(2, Timestamp.from(Instant.parse(run.startedAt())));
                upsert.setString(3, jsonb(run));
                return upsert.executeUpdate();
            }
        });
    }

    @Override
    public Optional<RunRecord> run(String id) {
        return one("reading a run", "SELECT record::text FROM agent_runs WHERE id = ?", id, RunRecord.class);
    }

    @Override
    public List<RunRecord> runs(int offset, int limit) {
        return page("listing runs", "SELECT record::text FROM agent_runs ORDER BY started_at DESC, id DESC OFFSET ? LIMIT ?",
                offset, limit, RunRecord.class);
    }

    /** The record {@code select} finds by {@code id}, read from its JSON. */
    private <T> Optional<T> one(String what, String select, String id, Class<T> type) {
        return execute(what, connection -> {
            try (PreparedStatement statement = connection.prepareStatement(select)) {
                statement.setString(1, id);
                try (ResultSet rows = statement.executeQuery()) {
                    return rows.next() ? Optional.of(json.readValue(rows.getString(1), type)) : Optional.empty();
                }
            }
        });
    }

    /** The records {@code select} lists from {@code offset}, read from their JSON. */
    private <T> List<T> page(String what, String select, int offset, int limit, Class<T> type) {
        return execute(what, connection -> {
            try (PreparedStatement statement = connection.prepareStatement(select)) {
                statement.setInt(1, offset);
                statement.setInt(2, limit);
                List<T> page = new ArrayList<>();
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        page.add(json.readValue(rows.getString(1), type));
                    }
                }
                return page;
            }
        });
    }

    @Override
    public LoginWindow countLoginAttempt(String client, Duration window, int limit) {
        return execute("counting a login attempt", connection -> {
            // One statement: every machine's attempts land in the same row, in turn.
            try (PreparedStatement upsert = connection.prepareStatement("""
                    INSERT INTO login_windows AS w (client, window_start, attempts) VALUES (?, now(), 1)
                    ON CONFLICT (client) DO UPDATE SET
                        window_start = CASE WHEN w.window_start <= now() - make_interval(secs => ?) THEN now() ELSE w.window_start END,
                        attempts = CASE WHEN w.window_start <= now() - make_interval(secs => ?) THEN 1 ELSE LEAST(w.attempts + 1, ?) END
                    RETURNING attempts, CEIL(EXTRACT(EPOCH FROM (window_start + make_interval(secs => ?) - now())))
                    """)) {
                double seconds = window.toMillis() / 1000.0;
                upsert.setString(1, client);
                upsert.setDouble(2, seconds);
                upsert.setDouble(3, seconds);
                upsert.setInt(4, limit + 1);
                upsert.setDouble(5, seconds);
                try (ResultSet rows = upsert.executeQuery()) {
                    rows.next();
                    return new LoginWindow(rows.getInt(1), Math.max(1, rows.getLong(2)));
                }
            }
        });
    }

    @Override
    public void clearLoginAttempts(String client, Duration window) {
        execute("clearing login attempts", connection -> {
            // Windows long over go too: the table holds the clients of the current window, not every client ever seen.
            try (PreparedStatement delete = connection.prepareStatement(
                    "DELETE FROM login_windows WHERE client = ? OR window_start < now() - make_interval(secs => ?)")) {
                delete.setString(1, client);
                delete.setDouble(2, Math.max(window.toSeconds(), 86_400));
                return delete.executeUpdate();
            }
        });
    }

    @Override
    public void close() {
        // The pool is Quarkus's: it closes it, after the last request.
    }
}
