package dev.workbench.agent.workflow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.workbench.agent.AgentCatalog;
import dev.workbench.common.StartupRefusal;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.jboss.logging.Logger;

/**
 * The workflows: those of {@code WORKFLOWS_FILE}'s {@code workflows:} section, in the file's order,
 * then those of configuration (which replace a file's workflow of the same name). Read once at
 * startup; a file that exists but cannot be read as workflows stops startup, naming the file and the
 * problem.
 */
@ApplicationScoped
public class WorkflowCatalog {

    private static final Logger LOG = Logger.getLogger(WorkflowCatalog.class);

    private final Map<String, Workflow> workflows;
    private final String problem;

    WorkflowCatalog(WorkflowConfig config, WorkflowConfig.Definitions definitions, AgentCatalog agents) {
        Map<String, Workflow> all = new LinkedHashMap<>();
        String trouble = null;
        try {
            read(config.file(), config.agents()).forEach(workflow -> all.put(workflow.name(), workflow));
        } catch (IllegalArgumentException | IOException e) {
            trouble = "WORKFLOWS_FILE " + config.file() + ": " + e.getMessage();
        }
        new TreeMap<>(definitions.all()).forEach((name, definition) -> all.put(name, new Workflow(name,
                definition.description().orElse(""), definition.steps().stream()
                        .map(step -> new Workflow.Step(mapped(config.agents(), step.agent()), step.action(), step.prompt().orElse(null)))
                        .toList())));
        this.workflows = Collections.unmodifiableMap(all);
        // A step whose agent is unknown would run as the default agent, with its tools: refused instead.
        for (Workflow workflow : all.values()) {
            if (trouble == null && workflow.steps().isEmpty()) {
                trouble = "Workflow '" + workflow.name() + "' has no steps";
            }
            for (Workflow.Step step : workflow.steps()) {
                if (trouble == null && agents.find(step.agent()).isEmpty()) {
                    trouble = "Workflow '" + workflow.name() + "' has a step for agent '" + step.agent()
                            + "', which is no agent; map it with workbench.workflow.agents." + step.agent() + "=<agent>";
                }
            }
        }
        this.problem = trouble;
    }

    void check(@Observes StartupEvent event) {
        if (problem != null) {
            StartupRefusal.refuse(problem);
        }
        LOG.debugf("Workflows: %s", workflows.keySet());
    }

    public Optional<Workflow> find(String name) {
        return Optional.ofNullable(workflows.get(name));
    }

    public Collection<Workflow> all() {
        return workflows.values();
    }

    private static String mapped(Map<String, String> agents, String name) {
        return agents.getOrDefault(name, name);
    }

    /** The workflows of {@code file}'s {@code workflows:} section; none when the file does not exist. */
    static List<Workflow> read(Path file, Map<String, String> agents) throws IOException {
        if (!Files.isRegularFile(file)) {
            return List.of();
        }
        JsonNode root = new ObjectMapper(new YAMLFactory()).readTree(file.toFile());
        JsonNode section = root == null ? null : root.get("workflows");
        if (section == null || section.isNull()) {
            return List.of();
        }
        if (!section.isObject()) {
            throw new IllegalArgumentException("'workflows' must map names to workflows");
        }
        List<Workflow> workflows = new ArrayList<>();
        for (Map.Entry<String, JsonNode> entry : section.properties()) {
            String name = entry.getKey();
            JsonNode workflow = entry.getValue();
            JsonNode steps = workflow == null ? null : workflow.get("steps");
            if (steps == null || !steps.isArray() || steps.isEmpty()) {
                throw new IllegalArgumentException("workflow '" + name + "' needs a list of steps");
            }
            List<Workflow.Step> parsed = new ArrayList<>();
            for (int i = 0; i < steps.size(); i++) {
                JsonNode step = steps.get(i);
                String agent = text(step, "agent");
                String action = text(step, "action");
                if (agent == null || action == null) {
                    throw new IllegalArgumentException("step " + i + " of workflow '" + name + "' needs an agent and an action");
                }
                parsed.add(new Workflow.Step(mapped(agents, agent), action, text(step, "prompt")));
            }
            String description = text(workflow, "description");
            workflows.add(new Workflow(name, description == null ? "" : description, List.copyOf(parsed)));
        }
        return workflows;
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node == null ? null : node.get(field);
        return value != null && value.isValueNode() && !value.isNull() ? value.asText() : null;
    }
}
