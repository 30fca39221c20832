package dev.workbench.common;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.config.Config;
import dev.workbench.store.Store;

/**
 * The audit trail: one entry per command and deployment, refused ones included, appended to the
 * {@link Store} (the {@code AUDIT_LOG} file, or PostgreSQL's append-only table). Known secrets and
 * token-shaped strings are replaced by {@code ***} before anything is written. An entry that cannot
 * be written fails the call with {@link Failure.Unavailable}: callers record before they act, so
 * nothing runs unaudited. A singleton, injected as itself rather than a client proxy, so it writes
 * until the very end of shutdown.
 */
@jakarta.inject.Singleton
@io.quarkus.runtime.Startup
public class AuditLog {

    private static final int PREVIEW_CHARS = 500;
    private static final List<String> SECRET_KEYS = List.of("workbench.auth.jwt-secret-key", "workbench.auth.admin-password",
            "workbench.deploy.fly-api-token", "workbench.deploy.github-token", "workbench.llm.anthropic-api-key",
            "workbench.llm.openai-api-key", "quarkus.datasource.password");

    /** {@code status} of the entry written before a command or deployment starts; its outcome follows in another. */
    public static final String STARTED = "started";

    /** One entry of the audit trail; {@code id} is its place in the trail, given when it is read back. */
    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Entry(Long id, String timestamp, String user, String command, String service, String status,
            @JsonProperty("exit_code") @JsonInclude(JsonInclude.Include.ALWAYS) Integer exitCode,
            @JsonProperty("duration_ms") long durationMs,
            @JsonProperty("output_preview") @JsonInclude(JsonInclude.Include.ALWAYS) String outputPreview, String sandbox) {

        public Entry withId(long place) {
            return new Entry(place, timestamp, user, command, service, status, exitCode, durationMs, outputPreview, sandbox);
        }
    }

    private final Store store;

    AuditLog(Store store, Config all) {
        this.store = store;
        for (String key : SECRET_KEYS) {
            all.getOptionalValue(key, String.class).ifPresent(Redaction::registerSecret);
        }
    }

    /** Appends one entry; {@code output} is cut to a preview and every field is redacted. */
    public void record(String user, String command, String service, String status, Integer exitCode, long durationMs,
            String output) {
        record(user, command, service, status, exitCode, durationMs, output, null);
    }

    /** Appends one entry of a command that ran, saying in which sandbox ({@code bwrap} or {@code none}). */
    public void record(String user, String command, String service, String status, Integer exitCode, long durationMs,
            String output, String sandbox) {
        String preview = output == null ? "" : output;
        preview = preview.length() > PREVIEW_CHARS ? preview.substring(0, PREVIEW_CHARS) : preview;
        store.appendAudit(new Entry(null, Instant.now().toString(), user, Redaction.redact(command), service, status, exitCode,
                durationMs, Redaction.redact(preview), sandbox));
    }
}
