package dev.workbench.agent;

import dev.workbench.common.Failure;
import dev.workbench.agent.llm.ChatMessage;
import dev.workbench.agent.llm.ChatRequest;
import dev.workbench.agent.llm.LlmEvent;
import dev.workbench.agent.llm.LlmConfig;
import dev.workbench.agent.llm.ProviderErrors;
import dev.workbench.agent.llm.ProviderRouter;
import dev.workbench.agent.llm.ToolCall;
import dev.workbench.agent.llm.ToolSpec;
import dev.workbench.agent.tools.ToolCatalog;
import dev.workbench.agent.tools.ToolExecutor;
import dev.workbench.agent.tools.ToolOutcome;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
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
    private final LlmConfig llm;

    AgentRunner(ProviderRouter router, ToolCatalog tools, ToolExecutor executor, AgentCatalog catalog,
            AgentLimitsConfig config, LlmConfig llm) {
        this.llm = llm;
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
        // An agent without a provider of its own (the task router's) is its list of models alone.
        Uni<List<ProviderRouter.Choice>> first = agent.provider() == null ? Uni.createFrom().item(List.of())
                : router.choose(agent.provider(), agent.model()).map(List::of);
        return first.onItem().transformToMulti(chosen -> {
            List<ProviderRouter.Choice> models = new ArrayList<>(chosen);
            agent.fallbacks().forEach(ref -> router.fallback(ref.provider(), ref.model()).ifPresent(models::add));
            if (models.isEmpty()) {
                return Multi.createFrom().failure(new Failure.MissingCredentials("None of the models "
                        + agent.fallbacks().stream().map(ref -> ref.provider() + ":" + ref.model()).toList()
                        + " can be called: set ANTHROPIC_API_KEY or OPENAI_API_KEY, or name an ollama model"));
            }
            Run run = new Run(agent, models, system, new ArrayList<>(conversation), toolNames, specs(toolNames), depth, user);
            return Multi.createBy().concatenating().streams(
                    Multi.createFrom().item(new AgentEvent.ModelChosen(models.get(0).model())),
                    round(run, 1));
        });
    }

    private Multi<AgentEvent> round(Run run, int round) {
        return Multi.createFrom().deferred(() -> {
            Step step = new Step();
            Multi<AgentEvent> streamed = call(run, step, false);
            return Multi.createBy().concatenating().streams(streamed, Multi.createFrom().deferred(() -> after(run, step, round)));
        });
    }

    /**
     * One model call. If it fails before sending anything, in a way another try may not (a rate
     * limit, a timeout, a 5xx, a lost connection): a rate limit whose wait fits {@code LLM_RETRY_BUDGET}
     * is waited out and tried once more, else the agent's next fallback model takes over, saying so.
     * Once anything has arrived, a failure is the run's: an answer is never stitched from two models.
     */
    private Multi<AgentEvent> call(Run run, Step step, boolean retried) {
        return Multi.createFrom().deferred(() -> {
            ProviderRouter.Choice choice = run.choice();
            AtomicBoolean started = new AtomicBoolean();
            return choice.provider().stream(run.request())
                    .onItem().invoke(() -> started.set(true))
                    .onItem().transformToIterable(event -> step.accept(run, event))
                    .onFailure(failure -> !started.get() && ProviderErrors.fallsBack(failure)
                            && (waitFits(failure, retried) || run.hasNext()))
                    .recoverWithMulti(failure -> {
                        if (waitFits(failure, retried)) {
                            long wait = ((Failure) failure).retryAfterSeconds();
                            return Multi.createBy().concatenating().streams(
                                    Multi.createFrom().item(new AgentEvent.Thinking(failure.getMessage() + "; trying " + choice.model()
                                            + " again in " + wait + " s")),
                                    Uni.createFrom().voidItem().onItem().delayIt().by(Duration.ofSeconds(wait))
                                            .onItem().transformToMulti(ignored -> call(run, step, true)));
                        }
                        ProviderRouter.Choice next = run.next();
                        return Multi.createBy().concatenating().streams(
                                Multi.createFrom().items(new AgentEvent.Thinking(failure.getMessage() + "; " + next.model()
                                        + " takes over"), new AgentEvent.ModelChosen(next.model())),
                                call(run, step, false));
                    });
        });
    }

    /** A rate limit with a wait within the budget, not yet waited out once. */
    private boolean waitFits(Throwable failure, boolean retried) {
        return !retried && failure instanceof Failure.LimitReached limit && limit.retryAfterSeconds() > 0
                && Duration.ofSeconds(limit.retryAfterSeconds()).compareTo(llm.retryBudget()) <= 0;
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
                    case AgentEvent.Reasoning reasoning -> List.of(new AgentEvent.Reasoning(reasoning.text(),
                            reasoning.agent() != null ? reasoning.agent() : sub.name()));
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
        final List<ProviderRouter.Choice> models;
        int current;
        final String system;
        final List<ChatMessage> conversation;
        final List<String> toolNames;
        final List<ToolSpec> specs;
        final int depth;
        final String user;
        final StringBuilder answer = new StringBuilder();

        Run(Agent agent, List<ProviderRouter.Choice> models, String system, List<ChatMessage> conversation,
                List<String> toolNames, List<ToolSpec> specs, int depth, String user) {
            this.agent = agent;
            this.models = models;
            this.system = system;
            this.conversation = conversation;
            this.toolNames = toolNames;
            this.specs = specs;
            this.depth = depth;
            this.user = user;
        }

        /** The model that runs the agent now: its own, or the fallback that took over. */
        ProviderRouter.Choice choice() {
            return models.get(current);
        }

        boolean hasNext() {
            return current + 1 < models.size();
        }

        ProviderRouter.Choice next() {
            return models.get(++current);
        }

        ChatRequest request() {
            ProviderRouter.Choice choice = choice();
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
                case LlmEvent.ReasoningDelta delta -> List.of(new AgentEvent.Reasoning(delta.text(), null));
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
