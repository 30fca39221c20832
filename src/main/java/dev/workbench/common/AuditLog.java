package dev.workbench.common;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.config.Config;
import org.jboss.logging.Logger;

/**
 * Appends one JSON line per command or deployment, refused ones included. Each line is one write under a
 * file lock, so concurrent calls (and other processes) never interleave; known secrets and
 * token-shaped strings are replaced by {@code ***} before anything is written. A singleton, injected
 * as itself rather than a client proxy, so it writes until the very end of shutdown.
 */
@jakarta.inject.Singleton
@io.quarkus.runtime.Startup
public class AuditLog {

    private static final Logger LOG = Logger.getLogger(AuditLog.class);
    private static final int PREVIEW_CHARS = 500;
    private static final List<String> SECRET_KEYS = List.of("workbench.auth.jwt-secret-key", "workbench.auth.admin-password",
            "workbench.deploy.fly-api-token", "workbench.deploy.github-token", "workbench.llm.anthropic-api-key",
            "workbench.llm.openai-api-key");

    /** One line of the audit log. */
    @RegisterForReflection
    public record Entry(String timestamp, String user, String command, String service, String status,
            @JsonProperty("exit_code") Integer exitCode, @JsonProperty("duration_ms") long durationMs,
            @JsonProperty("output_preview") String outputPreview,
            @JsonInclude(JsonInclude.Include.NON_NULL) String sandbox) {
    }

    private final Path file;
    private final ObjectMapper json;

    AuditLog(AppConfig config, ObjectMapper json, Config all) {
        this.file = config.auditLog();
        this.json = json;
        for (String key : SECRET_KEYS) {
            all.getOptionalValue(key, String.class).ifPresent(Redaction::registerSecret);
        }
    }

    /** Appends one line; {@code output} is cut to a preview and every field is redacted. */
    public void record(String user, String command, String service, String status, Integer exitCode, long durationMs,
            String output) {
        record(user, command, service, status, exitCode, durationMs, output, null);
    }

    /** Appends one line of a command that ran, saying in which sandbox ({@code bwrap} or {@code none}). */
    public void record(String user, String command, String service, String status, Integer exitCode, long durationMs,
            String output, String sandbox) {
        String preview = output == null ? "" : output;
        preview = preview.length() > PREVIEW_CHARS ? preview.substring(0, PREVIEW_CHARS) : preview;
        Entry entry = new Entry(Instant.now().toString(), user, Redaction.redact(command), service, status, exitCode,
                durationMs, Redaction.redact(preview), sandbox);
        try {
            byte[] line = (json.writeValueAsString(entry) + "\n").getBytes(StandardCharsets.UTF_8);
            append(line);
        } catch (IOException e) {
            LOG.errorf("Cannot write the command audit log %s: %s", file, e.getMessage());
        }
    }


    private synchronized void append(byte[] line) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND); FileLock lock = channel.lock()) {
            ByteBuffer buffer = ByteBuffer.wrap(line);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
        }
    }
}
