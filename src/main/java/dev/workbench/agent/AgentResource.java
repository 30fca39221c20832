package dev.workbench.agent;

import dev.workbench.auth.Roles;
import dev.workbench.common.ErrorBody;
import dev.workbench.common.StreamResponses;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Multi;
import io.vertx.core.buffer.Buffer;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;

/**
 * {@code POST /agent/execute}: runs an agent. With {@code stream: true} (the default) the answer
 * is {@code text/event-stream} in the original's frames; with {@code stream: false} one JSON
 * object. The choice is the body's, so the content type is set per request rather than fixed by
 * {@code @Produces}.
 */
@Path("/agent")
@RolesAllowed(Roles.ADMIN)
public class AgentResource {

    private final AgentService agents;
    private final SseFrames frames;
    private final StreamResponses responses;
    private final SecurityIdentity identity;

    AgentResource(AgentService agents, SseFrames frames, StreamResponses responses, SecurityIdentity identity) {
        this.agents = agents;
        this.frames = frames;
        this.responses = responses;
        this.identity = identity;
    }

    /** The original's model routing (behind {@code ENABLE_PORTKEY}): {@code {task, prompt}} to {@code {content, model}}. */
    @POST
    @Path("/router")
    @Consumes(MediaType.APPLICATION_JSON)
    public Multi<Buffer> route(@Valid @NotNull RouterRequest request) {
        return responses.jsonOrFailure(agents.route(request, identity.getPrincipal().getName()),
                outcome -> outcome.error() != null, outcome -> outcome.error().failure(),
                outcome -> outcome.error() == null ? new RouterAnswer(outcome.result().content(), outcome.result().model())
                        : new ErrorBody(outcome.error().error()));
    }

    @POST
    @Path("/execute")
    @Consumes(MediaType.APPLICATION_JSON)
    public Multi<Buffer> execute(@Valid @NotNull AgentRequest request) {
        String user = identity.getPrincipal().getName();
        if (request.streaming()) {
            return responses.eventStream(frames.stream(agents.stream(request, user)));
        }
        return responses.jsonOrFailure(agents.complete(request, user),
                outcome -> outcome.error() != null, outcome -> outcome.error().failure(),
                outcome -> outcome.result() != null ? outcome.result() : new ErrorBody(outcome.error().error()));
    }
}
