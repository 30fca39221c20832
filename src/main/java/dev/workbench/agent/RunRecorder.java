package dev.workbench.agent;

import dev.workbench.common.Failure;
import dev.workbench.store.RunRecord;
import dev.workbench.store.Store;
import io.quarkus.virtual.threads.VirtualThreads;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import org.jboss.logging.Logger;

/**
 * Records a run in the {@link Store}: {@code running} before its first event, then its final state
 * (models used, tokens, the error that ended it) before the stream's last frame, so a stop on
 * SIGTERM, which ends runs with an error, leaves every run's end recorded. A client that goes away
 * leaves it {@code cancelled}. The writes run on virtual threads, never on the event loop; a store
 * that cannot write is logged, and the run goes on: runs are a record, not a gate.
 */
@ApplicationScoped
public class RunRecorder {

    private static final Logger LOG = Logger.getLogger(RunRecorder.class);

    private final Store store;
    private final ExecutorService threads;

    RunRecorder(Store store, @VirtualThreads ExecutorService threads) {
        this.store = store;
        this.threads = threads;
    }

    /** {@code events} (without the final {@code end}), recorded as a run of {@code kind} ({@code agent}, {@code router}, {@code workflow}). */
    public Multi<AgentEvent> record(String kind, String name, String user, Multi<AgentEvent> events) {
        return Multi.createFrom().deferred(() -> {
            Tracker run = new Tracker(new RunRecord("run-" + UUID.randomUUID(), kind, name, user, List.of(), RunRecord.RUNNING,
                    Instant.now().toString(), null, 0, 0, null));
            return write(run.now(RunRecord.RUNNING)).onItem().transformToMulti(ignored -> events
                    .onItem().invoke(run::accept)
                    .onCompletion().call(() -> write(run.now(run.error == null ? RunRecord.COMPLETED : RunRecord.FAILED)))
                    .onCancellation().invoke(() -> write(run.now(RunRecord.CANCELLED)).subscribe().with(done -> { }, failure -> { })));
        });
    }

    /** Saves on a virtual thread; the answer comes back on the caller's Vert.x context. */
    private Uni<Void> write(RunRecord record) {
        Context context = Vertx.currentContext();
        Uni<Void> saved = Uni.createFrom().<Void>item(() -> {
            try {
                store.saveRun(record);
            } catch (Failure.Unavailable | IllegalStateException unwritable) {
                LOG.errorf("Run %s (%s) is not recorded: %s", record.id(), record.status(), unwritable.getMessage());
            }
            return null;
        }).runSubscriptionOn(threads);
        return context == null ? saved : saved.emitOn(task -> context.runOnContext(v -> task.run()));
    }

    /** What a run's events say about it so far. */
    private static final class Tracker {
        private final RunRecord start;
        private final Set<String> models = new LinkedHashSet<>();
        private long input;
        private long output;
        private String error;

        Tracker(RunRecord start) {
            this.start = start;
        }

        synchronized void accept(AgentEvent event) {
            switch (event) {
                case AgentEvent.ModelChosen chosen -> models.add(chosen.model());
                case AgentEvent.Usage usage -> {
                    input += usage.inputTokens();
                    output += usage.outputTokens();
                }
                case AgentEvent.Error failure -> error = failure.error();
                case AgentEvent.StepError failure -> error = failure.error();
                default -> {
                    // the rest is the answer itself
                }
            }
        }

        synchronized RunRecord now(String status) {
            return new RunRecord(start.id(), start.kind(), start.agent(), start.user(), List.copyOf(models), status,
                    start.startedAt(), RunRecord.RUNNING.equals(status) ? null : Instant.now().toString(), input, output,
                    RunRecord.COMPLETED.equals(status) ? null : error);
        }
    }
}
