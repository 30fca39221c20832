package dev.workbench.agent;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.workbench.auth.Roles;
import dev.workbench.common.ErrorBody;
import io.smallrye.mutiny.Multi;
import io.vertx.core.buffer.Buffer;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Map;
import org.jboss.resteasy.reactive.RestMulti;

/**
 * {@code POST /agent/execute}: runs an agent. With {@code stream: true} (the default) the answer
 * is {@code text/event-stream} in the original's frames; with {@code stream: false} one JSON
 * object. The choice is the body's, so the content type is set per request on a {@link RestMulti}
 * rather than fixed by {@code @Produces}.
 */
@Path("/agent")
@RolesAllowed(Roles.ADMIN)
public class AgentResource {

    private final AgentService agents;
    private final SseFrames frames;
    private final ObjectMapper json;

    AgentResource(AgentService agents, SseFrames frames, ObjectMapper json) {
        this.agents = agents;
        this.frames = frames;
        this.json = json;
    }

    @POST
    @Path("/execute")
    @Consumes(MediaType.APPLICATION_JSON)
    public Multi<Buffer> execute(@Valid @NotNull AgentRequest request) {
        if (request.streaming()) {
            return RestMulti.fromMultiData(agents.stream(request).onItem().transformToIterable(frames::frame))
                    .status(200)
                    .header("Content-Type", MediaType.SERVER_SENT_EVENTS)
                    .header("Cache-Control", "no-cache")
                    .header("X-Accel-Buffering", "no")
                    .build();
        }
        return RestMulti.fromUniResponse(agents.complete(request),
                outcome -> Multi.createFrom().item(Buffer.buffer(body(outcome))),
                outcome -> Map.of("Content-Type", List.of(MediaType.APPLICATION_JSON)),
                AgentService.Outcome::status);
    }

    private byte[] body(AgentService.Outcome outcome) {
        try {
            return json.writeValueAsBytes(outcome.result() != null ? outcome.result() : new ErrorBody(outcome.detail()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
