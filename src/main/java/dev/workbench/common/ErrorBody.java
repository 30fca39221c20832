package dev.workbench.common;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** The body of every error the service returns, as the original's clients read it. */
@RegisterForReflection
public record ErrorBody(String detail) {
}
