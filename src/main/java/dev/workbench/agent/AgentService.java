package dev.workbench.agent;

import dev.workbench.agent.llm.ChatMessage;
import dev.workbench.common.ShutdownSignal;
import dev.workbench.common.Failure;
import dev.workbench.common.Failures;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.Cancellable;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;

/**
 * One agent run as the endpoint sees it: the request turned into a conversation, the limits
 * (concurrent runs, duration), keep-alives on silent streams, every failure as one {@code error}
 * event, and {@code end} always last.
 */
@ApplicationScoped
public class AgentService {

    private static final Logger LOG = Logger.getLogger(AgentService.class);

    /** The outcome of a non-streaming run: the result, or the error that ended it. */
    public record Outcome(AgentResult result, AgentEvent.Error error) {
    }

    private final AgentCatalog catalog;
    private final AgentRunner runner;
    private final AgentLimitsConfig config;
    private final Vertx vertx;
    private final AtomicInteger running = new AtomicInteger();

    private final ShutdownSignal shutdown;
    private final RunRecorder recorder;

    private final boolean routerEnabled;
    /** The router's models per task (the task's own, then the default ones), and for any other task; read once. */
    private final Map<String, List<Agent.ModelRef>> routes = new java.util.HashMap<>();
    private final List<Agent.ModelRef> defaultRoute;
    private final String routerProblem;

    AgentService(AgentCatalog catalog, AgentRunner runner, AgentLimitsConfig config, Vertx vertx, ShutdownSignal shutdown,
            RouterConfig router, RunRecorder recorder) {
        this.recorder = recorder;
        this.catalog = catalog;
        this.runner = runner;
        this.config = config;
        this.vertx = vertx;
        this.shutdown = shutdown;
        this.routerEnabled = router.enabled();
        String problem = null;
        List<Agent.ModelRef> defaults = List.of();
        try {
            defaults = parse(router.defaultModels(), List.of());
            for (Map.Entry<String, List<String>> task : router.tasks().entrySet()) {
                routes.put(task.getKey(), parse(task.getValue(), defaults));
            }
        } catch (IllegalArgumentException e) {
            problem = e.getMessage();
        }
        this.defaultRoute = defaults;
        this.routerProblem = problem;
    }

    /** {@code names} as models, then those of {@code after} not among them. */
    private static List<Agent.ModelRef> parse(List<String> names, List<Agent.ModelRef> after) {
        List<Agent.ModelRef> models = new java.util.ArrayList<>();
        for (String name : names) {
            models.add(Agent.ModelRef.parse("ROUTER_DEFAULT_MODELS or workbench.router.tasks", name));
        }
        after.stream().filter(model -> !models.contains(model)).forEach(models::add);
        return List.copyOf(models);
    }

    /** The events of a streamed run, ending with {@code end}; bad requests fail before anything streams. */
    public Multi<AgentEvent> stream(AgentRequest request, String user) {
        return execute("agent", request, user, catalog.lookup(request.agent()), config.keepalive());
    }

    /** The run folded into one answer. */
    public Uni<Outcome> complete(AgentRequest request, String user) {
        AgentCatalog.Lookup lookup = catalog.lookup(request.agent());
        AgentResult.Builder builder = new AgentResult.Builder(lookup.agent().name());
        return execute("agent", request, user, lookup, null)
                .onItem().invoke(builder::accept)
                .collect().last()
                .map(ignored -> builder.error() == null ? new Outcome(builder.build(), null) : new Outcome(null, builder.error()));
    }

    /** The catalogue's and the router's model lists are read at startup: a malformed entry stops it, naming the key. */
    void check(@jakarta.enterprise.event.Observes io.quarkus.runtime.StartupEvent event) {
        try {
            catalog.lookup(AgentCatalog.DEFAULT_AGENT);
        } catch (IllegalArgumentException | IllegalStateException e) {
            dev.workbench.common.StartupRefusal.refuse(e.getMessage());
        }
        if (routerProblem != null) {
            dev.workbench.common.StartupRefusal.refuse(routerProblem);
        }
    }

    /**
     * {@code POST /agent/router}: the prompt to the task's models in order, then the default models,
     * each taking over when the one before fails before answering; no tools.
     */
    public Uni<Outcome> route(RouterRequest request, String user) {
        if (!routerEnabled) {
            throw new Failure.NotFound("Portkey routing disabled");
        }
        List<Agent.ModelRef> models = request.task() == null ? defaultRoute : routes.getOrDefault(request.task(), defaultRoute);
        Agent router = new Agent("router", null, null, "You are a helpful assistant.", List.of(), List.of(), 4096,
                java.util.Optional.empty(), models);
        AgentRequest prompt = new AgentRequest("router", List.of(new AgentRequest.Message("user", request.prompt(), null)),
                false, List.of(), null);
        return complete(router, prompt, user);
    }

    /** {@code agent}, which is not in the catalogue (the task router's), folded into one answer. */
    private Uni<Outcome> complete(Agent agent, AgentRequest request, String user) {
        AgentResult.Builder builder = new AgentResult.Builder(agent.name());
        return execute("router", request, user, new AgentCatalog.Lookup(agent, false), null)
                .onItem().invoke(builder::accept)
                .collect().last()
                .map(ignored -> builder.error() == null ? new Outcome(builder.build(), null) : new Outcome(null, builder.error()));
    }

    private Multi<AgentEvent> execute(String kind, AgentRequest request, String user, AgentCatalog.Lookup lookup, Duration keepalive) {
        Agent agent = lookup.agent();
        List<String> toolNames = toolNames(agent, request.tools());
        StringBuilder system = new StringBuilder(agent.systemPrompt());
        List<ChatMessage> conversation = conversation(request.messages(), system);
        if (request.context() != null && !request.context().isNull()) {
            system.append("\n\nContext from the dashboard (JSON):\n").append(request.context().toString());
        }
        String analysis = (lookup.fellBack() ? "Unknown agent '" + request.agent() + "', using " + agent.name() + ". " : "")
                + "Analyzing request with " + agent.name() + " agent...";

        Multi<AgentEvent> run = Multi.createFrom().deferred(() -> {
            if (running.incrementAndGet() > config.maxConcurrentRuns()) {
                running.decrementAndGet();
                return Multi.createFrom().failure(new Failure.LimitReached("Too many agent runs at once (AGENT_MAX_CONCURRENT_RUNS="
                        + config.maxConcurrentRuns() + "); try again shortly"));
            }
            return Multi.createBy().concatenating().streams(
                            Multi.createFrom().item(new AgentEvent.Thinking(analysis)),
                            runner.run(agent, toolNames, system.toString(), conversation, 0, user))
                    .onTermination().invoke(running::decrementAndGet);
        });
        Multi<AgentEvent> events = recorder.record(kind, agent.name(), user, guard(run, keepalive)
                        .onFailure().recoverWithItem(this::toError))
                .onCompletion().continueWith(new AgentEvent.End());
        return config.piiMask() ? PiiMask.apply(events) : events;
    }

    private AgentEvent toError(Throwable failure) {
        if (failure instanceof Failure known) {
            return new AgentEvent.Error(known.getMessage(), known);
        }
        String reference = Failures.reference();
        LOG.errorf(failure, "Agent run failed (ref %s)", reference);
        return new AgentEvent.Error("Agent run failed unexpectedly (ref " + reference + ")", null);
    }

    /**
     * Bounds the run by {@code AGENT_MAX_DURATION} and, when {@code keepalive} is given, fills
     * silences with keep-alive events. Cancelling the result cancels the run.
     */
    private Multi<AgentEvent> guard(Multi<AgentEvent> events, Duration keepalive) {
        return Multi.createFrom().emitter(emitter -> {
            AtomicLong lastSent = new AtomicLong(System.nanoTime());
            long deadline = vertx.setTimer(config.maxDuration().toMillis(), id -> emitter.fail(new Failure.UpstreamTimedOut(
                    "The run took longer than " + dev.workbench.common.Durations.human(config.maxDuration()) + " (AGENT_MAX_DURATION) and was stopped")));
            // Checked ten times per interval, so a silence is filled one interval after the last frame,
            // not up to two (a tick just before an event would otherwise see too little silence).
            long ticker = keepalive == null ? -1 : vertx.setPeriodic(Math.max(10, keepalive.toMillis() / 10), id -> {
                if (System.nanoTime() - lastSent.get() >= keepalive.toNanos() - 1_000_000) {
                    lastSent.set(System.nanoTime());
                    emitter.emit(new AgentEvent.KeepAlive());
                }
            });
            // A SIGTERM ends the run with one error event (and end), not mid-token.
            AutoCloseable onShutdown = shutdown.register(() -> emitter.fail(new Failure.Unavailable(ShutdownSignal.MESSAGE)));
            Cancellable subscription = events.subscribe().with(event -> {
                lastSent.set(System.nanoTime());
                emitter.emit(event);
            }, emitter::fail, emitter::complete);
            emitter.onTermination(() -> {
                try {
                    onShutdown.close();
                } catch (Exception ignored) {
                    // removing a listener cannot fail
                }
                vertx.cancelTimer(deadline);
                if (ticker >= 0) {
                    vertx.cancelTimer(ticker);
                }
                subscription.cancel();
            });
        });
    }

    private static List<String> toolNames(Agent agent, List<String> requested) {
        List<String> available = agent.allToolNames();
        if (requested == null) {
            return available;
        }
        LinkedHashSet<String> unknown = new LinkedHashSet<>(requested);
        unknown.removeAll(available);
        if (!unknown.isEmpty()) {
            throw new Failure.Invalid("Unknown tools for agent " + agent.name() + ": " + String.join(", ", unknown)
                    + " (available: " + String.join(", ", available) + ")");
        }
        return available.stream().filter(requested::contains).toList();
    }

    /** The turns for the model; system messages join the system prompt. */
    private static List<ChatMessage> conversation(List<AgentRequest.Message> messages, StringBuilder system) {
        List<ChatMessage> turns = new ArrayList<>();
        for (AgentRequest.Message message : messages) {
            switch (message.role()) {
                case "system" -> system.append("\n\n").append(message.content());
                case "assistant" -> turns.add(new ChatMessage.Assistant(List.of(), message.content(), List.of()));
                case "tool" -> turns.add(new ChatMessage.User("Tool output:\n" + message.content()));
                default -> turns.add(new ChatMessage.User(message.content()));
            }
        }
        if (turns.stream().noneMatch(ChatMessage.User.class::isInstance)) {
            throw new Failure.Invalid("messages must contain at least one user message");
        }
        if (!(turns.get(0) instanceof ChatMessage.User)) {
            turns.add(0, new ChatMessage.User("(conversation continues)"));
        }
        return turns;
    }
}
