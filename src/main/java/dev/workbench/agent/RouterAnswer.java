package dev.workbench.agent;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** What {@code POST /agent/router} answers: the content and the model that produced it. */
@RegisterForReflection
public record RouterAnswer(String content, String model) {
}
