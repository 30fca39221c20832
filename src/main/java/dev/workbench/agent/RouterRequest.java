package dev.workbench.agent;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** The body of {@code POST /agent/router}: a task (which picks the models) and the prompt. */
public record RouterRequest(
        @Pattern(regexp = "[A-Za-z0-9_-]{1,64}", message = "must be a task name: letters, digits, _ or -") String task,
        @NotBlank @Size(max = 200_000) String prompt) {
}
