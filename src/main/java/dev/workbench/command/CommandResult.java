package dev.workbench.command;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.quarkus.runtime.annotations.RegisterForReflection;

/** The answer of {@code POST /command}, the original's fields first. */
@RegisterForReflection
public record CommandResult(String status, String output, String error,
        @JsonProperty("exit_code") Integer exitCode,
        @JsonProperty("duration_ms") long durationMs,
        boolean truncated) {

    public static final String SUCCESS = "success";
    public static final String FAILED = "failed";
    public static final String FORBIDDEN = "forbidden";
    public static final String TIMEOUT = "timeout";
    /** Only in the audit log: a streaming client went away and the command was killed. */
    public static final String CANCELLED = "cancelled";

    static CommandResult forbidden(String reason) {
        return new CommandResult(FORBIDDEN, "", reason, null, 0, false);
    }
}
