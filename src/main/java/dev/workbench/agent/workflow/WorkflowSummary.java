package dev.workbench.agent.workflow;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.List;

/** {@code GET /agent/workflow/list}, as the original answers it: each workflow with its number of steps. */
@RegisterForReflection
public record WorkflowSummary(List<Entry> workflows) {

    @RegisterForReflection
    public record Entry(String name, String description, int steps) {
    }
}
