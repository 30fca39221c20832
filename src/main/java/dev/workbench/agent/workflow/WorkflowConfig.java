package dev.workbench.agent.workflow;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithParentName;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Where workflows come from, and how the names their steps use map to the agents of the catalogue. */
@ConfigMapping(prefix = "workbench.workflow")
public interface WorkflowConfig {

    /**
     * {@code WORKFLOWS_FILE}: a YAML file whose {@code workflows:} section defines workflows, as the
     * original's {@code agno/config.yaml}; relative to the working directory; a missing file defines none.
     */
    Path file();

    /** A step's agent name to the catalogue's agent it runs as ({@code architect=orchestrator}); other names are used as they are. */
    Map<String, String> agents();

    /** Workflows defined in configuration: {@code workbench.workflows.<name>.description} and {@code .steps[i].agent/.action/.prompt}. */
    @ConfigMapping(prefix = "workbench.workflows")
    interface Definitions {
        @WithParentName
        Map<String, Definition> all();
    }

    interface Definition {
        Optional<String> description();

        List<StepDefinition> steps();
    }

    interface StepDefinition {
        String agent();

        String action();

        /** What the step's agent is told beyond its action. */
        Optional<String> prompt();
    }
}
