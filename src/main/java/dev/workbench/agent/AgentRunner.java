package dev.workbench.agent;

import dev.workbench.common.Failure;
import dev.workbench.agent.llm.ChatMessage;
import dev.workbench.agent.llm.ChatRequest;
import dev.workbench.agent.llm.LlmEvent;
import dev.workbench.agent.llm.ProviderRouter;
import dev.workbench.agent.llm.ToolCall;
import dev.workbench.agent.llm.ToolSpec;
import dev.workbench.agent.tools.ToolCatalog;
import dev.workbench.agent.tools.ToolExecutor;
import dev.workbench.agent.tools.ToolOutcome;
import io.smallrye.mutiny.Multi;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The tool-calling loop: stream a model call, run the tools it asked for, send their results
 * back, until it answers without tools. Each step is subscribed only when the previous one ends,
 * so cancelling the stream stops the provider call and starts no further tool.
 */
@ApplicationScoped
public class AgentRunner {

    private final ProviderRouter router;
    private final ToolCatalog tools;
    private final ToolExecutor executor;
    private final AgentCatalog catalog;
    private final AgentLimitsConfig config;

    AgentRunner(ProviderRouter router, ToolCatalog tools, ToolExecutor executor, AgentCatalog catalog,
            AgentLimitsConfig config) {
        this.router = router;
        this.tools = tools;
        this.executor = executor;
        this.catalog = catalog;
        this.config = config;
    }

    /**
     * Runs {@code agent} over {@code conversation}: ModelChosen, then Thinking, Token, ToolStart,
     * ToolEnd and Usage events as they happen, then Content. Fails on provider errors and limits.
     */
    public Multi<AgentEvent> run(Agent agent, List<String> toolNames, String system, List<ChatMessage> conversation, int depth,
            String user) {
        return router.choose(agent.provider(), agent.model()).onItem().transformToMulti(choice -> {
            Run run = new Run(agent, choice, system, new ArrayList<>(conversation), toolNames, specs(toolNames), depth, user);
            return Multi.createBy().concatenating().streams(
                    Multi.createFrom().item(new AgentEvent.ModelChosen(choice.model())),
                    round(run, 1));
        });
    }

    private Multi<AgentEvent> round(Run run, int round) {
        return Multi.createFrom().deferred(() -> {
            Step step = new Step();
            Multi<AgentEvent> streamed = run.choice.provider().stream(run.request())
                    .onItem().transformToIterable(event -> step.accept(run, event));
            return Multi.createBy().concatenating().streams(streamed, Multi.createFrom().deferred(() -> after(run, step, round)));
        });
    }

    private Multi<AgentEvent> after(Run run, Step step, int round) {
        run.conversation.add(new ChatMessage.Assistant(step.reasoning, step.text.toString(), step.calls));
        if (step.calls.isEmpty()) {
            return Multi.createFrom().item(new AgentEvent.Content(run.answer.toString()));
        }
        if (round > config.maxToolRounds()) {
            return Multi.createFrom().failure(new dev.workbench.common.Failure.UpstreamFailed(
                    "The agent asked for tools more than " + config.maxToolRounds() + " times (AGENT_MAX_TOOL_ROUNDS); run stopped"));
        }
        Multi<AgentEvent> calls = Multi.createFrom().iterable(step.calls)
                .onItem().transformToMultiAndConcatenate(call -> callTool(run, call));
        return Multi.createBy().concatenating().streams(calls, round(run, round + 1));
    }

    private Multi<AgentEvent> callTool(Run run, ToolCall call) {
        long start = System.nanoTime();
        AgentEvent.ToolStart started = new AgentEvent.ToolStart(call.id(), call.name(), call.arguments(), null);
        Multi<AgentEvent> work;
        if (!run.toolNames.contains(call.name())) {
            work = finish(run, call, start, ToolOutcome.failed("Tool " + call.name() + " is not available to this agent"));
        } else if (call.name().startsWith(Agent.DELEGATE_PREFIX)) {
            work = delegate(run, call, start, call.name().substring(Agent.DELEGATE_PREFIX.length()));
        } else {
            work = Multi.createFrom().deferred(() -> executor.execute(call, run.user + " (agent " + run.agent.name() + ")").toMulti()
                    .onItem().transformToMultiAndConcatenate(outcome -> finish(run, call, start, outcome)));
        }
        return Multi.createBy().concatenating().streams(Multi.createFrom().item(started), work);
    }

    /** Runs another agent on the task; its reasoning and tool calls appear inside this tool call. */
    private Multi<AgentEvent> delegate(Run run, ToolCall call, long start, String target) {
        Optional<Agent> delegate = catalog.find(target);
        String task = call.arguments().path("task").asText("");
        if (delegate.isEmpty() || task.isBlank()) {
            return finish(run, call, start, ToolOutcome.failed(call.name() + " needs a non-empty task"));
        }
        if (run.depth + 1 > config.maxDepth()) {
            return finish(run, call, start, ToolOutcome.failed("Delegation deeper than " + config.maxDepth()
                    + " levels is not allowed (AGENT_MAX_DEPTH)"));
        }
        Agent sub = delegate.get();
        AtomicReference<String> answer = new AtomicReference<>();
        AtomicReference<String> failure = new AtomicReference<>();
        Multi<AgentEvent> nested = Multi.createFrom().deferred(() -> run(sub, sub.allToolNames(), sub.systemPrompt(),
                        List.of(new ChatMessage.User(task)), run.depth + 1, run.user))
                .onItem().transformToIterable(event -> switch (event) {
                    case AgentEvent.Content content -> {
                        answer.set(content.content());
                        yield List.<AgentEvent>of();
                    }
                    case AgentEvent.Thinking thinking -> List.of(new AgentEvent.Thinking(thinking.text(),
                            thinking.agent() != null ? thinking.agent() : sub.name()));
                    case AgentEvent.ToolStart s -> List.of(new AgentEvent.ToolStart(s.id(), s.name(), s.arguments(),
                            s.agent() != null ? s.agent() : sub.name()));
                    case AgentEvent.ToolEnd e -> List.of(new AgentEvent.ToolEnd(e.id(), e.name(), e.result(), e.error(),
                            e.durationMs(), e.agent() != null ? e.agent() : sub.name(), e.arguments()));
                    case AgentEvent.Usage usage -> List.of(usage);
                    default -> List.<AgentEvent>of();
                })
                .onFailure().invoke(f -> failure.set(f.getMessage()))
                .onFailure().recoverWithCompletion();
        return Multi.createBy().concatenating().streams(nested, Multi.createFrom().deferred(() -> finish(run, call, start,
                failure.get() != null
                        ? ToolOutcome.failed(sub.name() + " failed: " + failure.get())
                        : ToolOutcome.ok(answer.get() == null ? "" : answer.get()))));
    }

    private Multi<AgentEvent> finish(Run run, ToolCall call, long start, ToolOutcome outcome) {
        run.conversation.add(new ChatMessage.ToolResult(call.id(), call.name(), outcome.text(), outcome.isError()));
        long millis = (System.nanoTime() - start) / 1_000_000;
        return Multi.createFrom().item(new AgentEvent.ToolEnd(call.id(), call.name(), outcome.result(), outcome.error(),
                millis, null, call.arguments()));
    }

    private List<ToolSpec> specs(List<String> names) {
        List<ToolSpec> specs = new ArrayList<>();
        for (String name : names) {
            if (name.startsWith(Agent.DELEGATE_PREFIX)) {
                specs.add(tools.delegation(name, name.substring(Agent.DELEGATE_PREFIX.length())));
            } else {
                tools.find(name).ifPresent(tool -> specs.add(tool.spec()));
            }
        }
        return specs;
    }

    /** One run of one agent: the conversation grows as the model and the tools take turns. */
    private static final class Run {
        final Agent agent;
        final ProviderRouter.Choice choice;
        final String system;
        final List<ChatMessage> conversation;
        final List<String> toolNames;
        final List<ToolSpec> specs;
        final int depth;
        final String user;
        final StringBuilder answer = new StringBuilder();

        Run(Agent agent, ProviderRouter.Choice choice, String system, List<ChatMessage> conversation,
                List<String> toolNames, List<ToolSpec> specs, int depth, String user) {
            this.agent = agent;
            this.choice = choice;
            this.system = system;
            this.conversation = conversation;
            this.toolNames = toolNames;
            this.specs = specs;
            this.depth = depth;
            this.user = user;
        }

        ChatRequest request() {
            Optional<Integer> thinking = choice.provider().kind() == dev.workbench.agent.llm.ProviderKind.ANTHROPIC ? agent.thinkingBudget() : Optional.empty();
            return new ChatRequest(choice.model(), system, List.copyOf(conversation), specs, agent.maxTokens(), thinking);
        }
    }

    /** What one model call produced. */
    private static final class Step {
        final StringBuilder text = new StringBuilder();
        final List<ChatMessage.Reasoning> reasoning = new ArrayList<>();
        final List<ToolCall> calls = new ArrayList<>();

        List<AgentEvent> accept(Run run, LlmEvent event) {
            return switch (event) {
                case LlmEvent.TextDelta delta -> {
                    text.append(delta.text());
                    run.answer.append(delta.text());
                    yield List.of(new AgentEvent.Token(delta.text()));
                }
                case LlmEvent.ReasoningDelta delta -> List.of(new AgentEvent.Thinking(delta.text()));
                case LlmEvent.ReasoningBlock block -> {
                    reasoning.add(block.reasoning());
                    yield List.of();
                }
                case LlmEvent.ToolCallReady ready -> {
                    calls.add(ready.call());
                    yield List.of();
                }
                case LlmEvent.Usage usage -> List.of(new AgentEvent.Usage(usage.inputTokens(), usage.outputTokens()));
            };
        }
    }
}
