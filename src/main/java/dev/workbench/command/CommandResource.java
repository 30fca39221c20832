package dev.workbench.command;

import dev.workbench.auth.Roles;
import dev.workbench.common.Failure;
import dev.workbench.common.StreamResponses;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.virtual.threads.VirtualThreads;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import java.util.Map;
import java.util.concurrent.ExecutorService;

/**
 * {@code POST /command}: runs an allow-listed command in a configured repository. With
 * {@code Accept: text/event-stream} the output streams as {@code event: start} at once, then
 * {@code event: stdout} / {@code stderr} lines, then {@code event: result} and {@code event: end}; otherwise one JSON result. A
 * streaming client that goes away stops its command. Commands block, so they run on virtual threads.
 */
@Path("/command")
@RolesAllowed(Roles.ADMIN)
public class CommandResource {

    private final CommandService commands;
    private final SecurityIdentity identity;
    private final StreamResponses responses;
    private final ExecutorService threads;

    CommandResource(CommandService commands, SecurityIdentity identity, StreamResponses responses,
            @VirtualThreads ExecutorService threads) {
        this.commands = commands;
        this.identity = identity;
        this.responses = responses;
        this.threads = threads;
    }

    /** On a worker thread: even the refusal of an unknown service writes the audit file. */
    @POST
    @Blocking
    @Consumes(MediaType.APPLICATION_JSON)
    public Multi<Buffer> run(@Valid @NotNull CommandRequest request, @HeaderParam(HttpHeaders.ACCEPT) String accept) {
        String user = identity.getPrincipal().getName();
        if (accept != null && accept.contains(MediaType.SERVER_SENT_EVENTS)) {
            // An unknown service is a 404 before any stream starts, as the JSON answer is.
            commands.repository(request, user);
            return responses.eventStream(stream(request, user));
        }
        Uni<CommandResult> result = Uni.createFrom()
                .item(() -> commands.execute(request, user, ProcessRunner.Lines.NONE, () -> false))
                .runSubscriptionOn(threads);
        return responses.json(result, done -> 200, done -> done);
    }

    private Multi<Buffer> stream(CommandRequest request, String user) {
        return Multi.createFrom().emitter(emitter -> threads.submit(() -> {
            // Headers and a first event at once, however long the command stays silent.
            Map<String, String> start = new java.util.LinkedHashMap<>();
            start.put("command", request.command());
            start.put("service", request.service());
            emitter.emit(responses.event("start", start));
            try {
                emitter.emit(responses.event("result", commands.execute(request, user,
                        (name, line) -> emitter.emit(responses.event(name, Map.of("line", line))), emitter::isCancelled)));
            } catch (Failure refused) {
                emitter.emit(responses.event("error", Map.of("error", refused.getMessage())));
            }
            emitter.emit(responses.end());
            emitter.complete();
        }));
    }
}
