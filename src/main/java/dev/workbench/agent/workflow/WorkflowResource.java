package dev.workbench.agent.workflow;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.workbench.agent.SseFrames;
import dev.workbench.auth.Roles;
import dev.workbench.common.Failure;
import dev.workbench.common.StreamResponses;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Multi;
import io.vertx.core.buffer.Buffer;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Validator;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.Set;

/**
 * {@code GET /agent/workflow/list} and {@code POST /agent/workflow/execute?name=...}, as the
 * original's later version answers them; the body ({@code {messages, context, stream}}) is optional.
 */
@Path("/agent/workflow")
@RolesAllowed(Roles.ADMIN)
public class WorkflowResource {

    private final WorkflowService workflows;
    private final SseFrames frames;
    private final StreamResponses responses;
    private final SecurityIdentity identity;
    private final ObjectMapper json;
    private final Validator validator;

    WorkflowResource(WorkflowService workflows, SseFrames frames, StreamResponses responses, SecurityIdentity identity,
            ObjectMapper json, Validator validator) {
        this.workflows = workflows;
        this.frames = frames;
        this.responses = responses;
        this.identity = identity;
        this.json = json;
        this.validator = validator;
    }

    @GET
    @Path("/list")
    @Produces(MediaType.APPLICATION_JSON)
    public WorkflowSummary list() {
        return workflows.list();
    }

    /**
     * The body is optional and the dashboard sends none, with whatever content type its fetch sets,
     * so it is read as text: empty means no request, anything else must be a valid JSON request.
     */
    @POST
    @Path("/execute")
    @Consumes(MediaType.WILDCARD)
    public Multi<Buffer> execute(@QueryParam("name") String name, String body) throws JsonProcessingException {
        WorkflowRequest request = null;
        if (body != null && !body.isBlank()) {
            request = json.readerFor(WorkflowRequest.class).with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).readValue(body);
            if (request == null) {
                throw new Failure.Invalid("The body must be a JSON object: {messages?, context?, stream?}");
            }
            Set<ConstraintViolation<WorkflowRequest>> violations = validator.validate(request);
            if (!violations.isEmpty()) {
                throw new ConstraintViolationException(violations);
            }
        }
        String user = identity.getPrincipal().getName();
        if (request == null || request.streaming()) {
            return responses.eventStream(frames.stream(workflows.stream(name, request, user)));
        }
        return responses.jsonOrFailure(workflows.complete(name, request, user),
                outcome -> outcome.error() != null, outcome -> outcome.error().failure(), WorkflowService.Outcome::result);
    }
}
