package dev.workbench.common;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** The body of every error the service returns, as the original's clients read it; secrets in it are masked. */
@RegisterForReflection
public record ErrorBody(String detail) {

    public ErrorBody {
        detail = Redaction.redact(detail);
    }
}
