package dev.workbench.command;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.workbench.auth.Roles;
import dev.workbench.common.ErrorBody;
import io.quarkus.security.identity.SecurityIdentity;
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
import java.util.List;
import java.util.Map;
import org.jboss.resteasy.reactive.RestMulti;

/**
 * {@code POST /command}: runs an allow-listed command in a configured repository. With
 * {@code Accept: text/event-stream} the output streams as {@code event: stdout} / {@code stderr}
 * lines, then {@code event: result} and {@code event: end}; otherwise one JSON result. A
 * streaming client that goes away stops its command.
 */
@Path("/command")
@RolesAllowed(Roles.ADMIN)
public class CommandResource {

    private final CommandService commands;
    private final SecurityIdentity identity;
    private final ObjectMapper json;

    CommandResource(CommandService commands, SecurityIdentity identity, ObjectMapper json) {
        this.commands = commands;
        this.identity = identity;
        this.json = json;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Multi<Buffer> run(@Valid @NotNull CommandRequest request, @HeaderParam(HttpHeaders.ACCEPT) String accept) {
        String user = identity.getPrincipal().getName();
        if (accept != null && accept.contains(MediaType.SERVER_SENT_EVENTS)) {
            return RestMulti.fromMultiData(stream(request, user))
                    .status(200)
                    .header("Content-Type", MediaType.SERVER_SENT_EVENTS)
                    .header("Cache-Control", "no-cache")
                    .build();
        }
        Uni<CommandService.Outcome> outcome = Uni.createFrom().item(() -> commands.execute(request, user, ProcessRunner.Lines.NONE, () -> false))
                .runSubscriptionOn(commands.threads());
        return RestMulti.fromUniResponse(outcome,
                o -> Multi.createFrom().item(Buffer.buffer(bytes(o.result() != null ? o.result() : new ErrorBody(o.detail())))),
                o -> Map.of("Content-Type", List.of(MediaType.APPLICATION_JSON)),
                CommandService.Outcome::status);
    }

    private Multi<Buffer> stream(CommandRequest request, String user) {
        return Multi.createFrom().emitter(emitter -> commands.threads().submit(() -> {
            CommandService.Outcome outcome = commands.execute(request, user,
                    (name, line) -> emitter.emit(frame(name, Map.of("line", line))), emitter::isCancelled);
            emitter.emit(outcome.result() != null ? frame("result", outcome.result()) : frame("error", Map.of("error", outcome.detail())));
            emitter.emit(Buffer.buffer("event: end\ndata: [DONE]\n\n"));
            emitter.complete();
        }));
    }

    private Buffer frame(String event, Object data) {
        return Buffer.buffer("event: " + event + "\ndata: " + new String(bytes(data), java.nio.charset.StandardCharsets.UTF_8) + "\n\n");
    }

    private byte[] bytes(Object value) {
        try {
            return json.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
