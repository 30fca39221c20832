package dev.workbench.agent.workflow;

import dev.workbench.agent.AgentEvent;
import dev.workbench.agent.AgentRequest;
import dev.workbench.agent.AgentService;
import dev.workbench.common.Failure;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.IntStream;

/**
 * Runs a workflow as a chain: each step is a run of its agent, with the agents' tools, limits and
 * policies, that receives the workflow's input and the results of the steps before it. The first
 * step that fails ends the workflow. Cancelling the events cancels the step that runs, and no
 * further step starts.
 */
@ApplicationScoped
public class WorkflowService {

    private final WorkflowCatalog catalog;
    private final AgentService agents;

    private final dev.workbench.agent.RunRecorder recorder;

    WorkflowService(WorkflowCatalog catalog, AgentService agents, dev.workbench.agent.RunRecorder recorder) {
        this.recorder = recorder;
        this.catalog = catalog;
        this.agents = agents;
    }

    public WorkflowSummary list() {
        return new WorkflowSummary(catalog.all().stream()
                .map(workflow -> new WorkflowSummary.Entry(workflow.name(), workflow.description(), workflow.steps().size()))
                .toList());
    }

    /** The workflow's events, as the original streams them; an unknown name fails before anything streams. */
    public Multi<AgentEvent> stream(String name, WorkflowRequest request, String user) {
        Workflow workflow = find(name);
        List<String> results = new ArrayList<>();
        AtomicBoolean failed = new AtomicBoolean();
        List<Multi<AgentEvent>> steps = IntStream.range(0, workflow.steps().size())
                .mapToObj(index -> Multi.createFrom().deferred(() -> failed.get() ? Multi.createFrom().<AgentEvent>empty()
                        : step(workflow, index, request, user, results, failed)))
                .toList();
        return Multi.createBy().concatenating().streams(
                recorder.record("workflow", workflow.name(), user, Multi.createBy().concatenating().streams(
                        Multi.createFrom().<AgentEvent>items(new AgentEvent.Thinking("Running workflow: " + workflow.name()), new AgentEvent.KeepAlive()),
                        Multi.createBy().concatenating().streams(steps))),
                Multi.createFrom().item(new AgentEvent.End()));
    }

    /** A workflow's answer, and the step failure that ended it (null if none, or if it was a bug), for its status. */
    public record Outcome(WorkflowResult result, AgentEvent.StepError error) {
    }

    /** The workflow folded into one answer. */
    public Uni<Outcome> complete(String name, WorkflowRequest request, String user) {
        Workflow workflow = find(name);
        List<WorkflowResult.StepResult> steps = new ArrayList<>();
        StringBuilder content = new StringBuilder();
        AgentEvent.StepError[] failure = new AgentEvent.StepError[1];
        return stream(name, request, user).onItem().invoke(event -> {
            switch (event) {
                case AgentEvent.StepStart start -> content.setLength(0);
                case AgentEvent.Content answer -> content.append(answer.content());
                case AgentEvent.StepEnd end -> steps.add(stepResult(workflow, end.index(), "ok", content.toString(), null));
                case AgentEvent.StepError error -> {
                    failure[0] = error;
                    steps.add(stepResult(workflow, error.index(), "error", null, error.error()));
                }
                default -> {
                    // tokens are in the content; the rest is stream framing
                }
            }
        }).collect().last().map(ignored -> failure[0] == null
                ? new Outcome(new WorkflowResult(workflow.name(), "ok", List.copyOf(steps), null), null)
                : new Outcome(new WorkflowResult(workflow.name(), "error", List.copyOf(steps), failure[0].error()), failure[0]));
    }

    private Workflow find(String name) {
        if (name == null || name.isBlank()) {
            throw new Failure.Invalid("The query parameter name is required: the workflow to run");
        }
        return catalog.find(name).orElseThrow(() -> new Failure.NotFound("Workflow not found: " + name));
    }

    private static WorkflowResult.StepResult stepResult(Workflow workflow, int index, String status, String content, String error) {
        Workflow.Step step = workflow.steps().get(index);
        return new WorkflowResult.StepResult(index, step.agent(), step.action(), status, content, error);
    }

    private Multi<AgentEvent> step(Workflow workflow, int index, WorkflowRequest request, String user, List<String> results,
            AtomicBoolean failed) {
        Workflow.Step step = workflow.steps().get(index);
        StringBuilder content = new StringBuilder();
        Multi<AgentEvent> run = agents.stream(stepRequest(workflow, index, request, results), user)
                .onItem().transformToIterable(event -> switch (event) {
                    case AgentEvent.Error error -> {
                        failed.set(true);
                        yield List.<AgentEvent>of(new AgentEvent.StepError(error.error(), index, error.failure()));
                    }
                    case AgentEvent.Content answer -> {
                        content.append(answer.content());
                        yield List.<AgentEvent>of(answer);
                    }
                    case AgentEvent.End end -> {
                        if (failed.get()) {
                            yield List.<AgentEvent>of();
                        }
                        results.add(content.toString());
                        yield List.<AgentEvent>of(new AgentEvent.StepEnd(index, "ok"));
                    }
                    default -> List.of(event);
                });
        return Multi.createBy().concatenating().streams(
                Multi.createFrom().item(new AgentEvent.StepStart(index, step.agent(), step.action())), run);
    }

    /** The step's run: the workflow's conversation, then the step's task with what the earlier steps found. */
    static AgentRequest stepRequest(Workflow workflow, int index, WorkflowRequest request, List<String> results) {
        Workflow.Step step = workflow.steps().get(index);
        StringBuilder task = new StringBuilder("Workflow '").append(workflow.name()).append('\'');
        if (!workflow.description().isBlank()) {
            task.append(" (").append(workflow.description()).append(')');
        }
        task.append(", step ").append(index + 1).append(" of ").append(workflow.steps().size()).append(": ").append(step.action());
        if (step.prompt() != null && !step.prompt().isBlank()) {
            task.append("\n\n").append(step.prompt());
        }
        for (int i = 0; i < results.size(); i++) {
            Workflow.Step earlier = workflow.steps().get(i);
            task.append(i == 0 ? "\n\nResults of the earlier steps:" : "").append("\n\nStep ").append(i + 1).append(" (")
                    .append(earlier.agent()).append(", ").append(earlier.action()).append("):\n").append(results.get(i));
        }
        List<AgentRequest.Message> messages = new ArrayList<>();
        if (request != null && request.messages() != null) {
            messages.addAll(request.messages());
        }
        messages.add(new AgentRequest.Message("user", task.toString(), null));
        return new AgentRequest(step.agent(), messages, true, null, request == null ? null : request.context());
    }
}
