-- The store of workbench-backend (store/PostgresStore): what every machine shares.

-- The audit trail: appended to, never changed. The triggers refuse UPDATE, DELETE and TRUNCATE
-- whoever asks, this service included.
CREATE TABLE audit_log (
    id BIGSERIAL PRIMARY KEY,
    at TIMESTAMPTZ NOT NULL,
    entry JSONB NOT NULL
);
CREATE INDEX audit_log_at ON audit_log (at);

CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'the audit trail is append-only';
END
$$;
CREATE TRIGGER audit_log_no_change BEFORE UPDATE OR DELETE ON audit_log
    FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
    FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only();

-- Deployments: created when they start, their result written when they end.
CREATE TABLE deployments (
    id TEXT PRIMARY KEY,
    created_at TIMESTAMPTZ NOT NULL,
    result JSONB NOT NULL
);
CREATE INDEX deployments_newest ON deployments (created_at DESC, id DESC);

-- Agent, router and workflow runs.
CREATE TABLE agent_runs (
    id TEXT PRIMARY KEY,
    started_at TIMESTAMPTZ NOT NULL,
    record JSONB NOT NULL
);
CREATE INDEX agent_runs_newest ON agent_runs (started_at DESC, id DESC);

-- Login attempts per client address in the current window, counted by the database's clock.
CREATE TABLE login_windows (
    client TEXT PRIMARY KEY,
    window_start TIMESTAMPTZ NOT NULL,
    attempts INTEGER NOT NULL
);
