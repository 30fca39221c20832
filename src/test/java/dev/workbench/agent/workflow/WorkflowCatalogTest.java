package dev.workbench.agent.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading the workflows: section of an agno-style YAML file. */
class WorkflowCatalogTest {

    private static final Map<String, String> AGENTS = Map.of("architect", "orchestrator", "coder", "developer");

    @TempDir
    Path dir;

    private List<Workflow> read(String yaml) throws Exception {
        Path file = dir.resolve("config.yaml");
        Files.writeString(file, yaml);
        return WorkflowCatalog.read(file, AGENTS);
    }

    @Test
    void aMissingFileOrSectionDefinesNone() throws Exception {
        assertThat(WorkflowCatalog.read(dir.resolve("absent.yaml"), AGENTS)).isEmpty();
        assertThat(read("agents:\n  architect: {}\n")).isEmpty();
        assertThat(read("")).isEmpty();
    }

    @Test
    void stepsKeepTheirOrderAndMapTheirAgents() throws Exception {
        List<Workflow> workflows = read("""
                workflows:
                  b:
                    steps:
                      - {agent: coder, action: build, prompt: Use Java}
                      - {agent: monitor, action: watch}
                  a:
                    description: first in the file
                    steps: [{agent: architect, action: plan}]
                """);
        assertThat(workflows).containsExactly(
                new Workflow("b", "", List.of(new Workflow.Step("developer", "build", "Use Java"), new Workflow.Step("monitor", "watch", null))),
                new Workflow("a", "first in the file", List.of(new Workflow.Step("orchestrator", "plan", null))));
    }

    @Test
    void aFileThatIsNoWorkflowsIsRefusedNamingWhatIsWrong() {
        assertThatThrownBy(() -> read("workflows: [1, 2]")).hasMessage("'workflows' must map names to workflows");
        assertThatThrownBy(() -> read("workflows:\n  x:\n    description: no steps\n")).hasMessage("workflow 'x' needs a list of steps");
        assertThatThrownBy(() -> read("workflows:\n  x:\n    steps: [{agent: coder}]\n"))
                .hasMessage("step 0 of workflow 'x' needs an agent and an action");
        assertThatThrownBy(() -> read("workflows: {x: [unclosed")).isInstanceOf(java.io.IOException.class);
    }
}
