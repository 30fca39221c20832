package dev.workbench.agent.workflow;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.List;

/** A workflow run as one JSON answer: each step that ran, and {@code detail} when one failed. */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record WorkflowResult(String workflow, String status, List<StepResult> steps, String detail) {

    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record StepResult(int index, String agent, String action, String status, String content, String error) {
    }
}
