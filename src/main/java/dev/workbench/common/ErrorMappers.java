package dev.workbench.common;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Turns every failure into {@code {"detail": ...}}, the only error shape the original's clients
 * know. Messages name what is wrong; none carries a stack trace or an internal class name.
 */
public class ErrorMappers {

    private static final Logger LOG = Logger.getLogger(ErrorMappers.class);

    @ServerExceptionMapper
    public Response failure(Failure e) {
        Response.ResponseBuilder builder = json(FailureStatus.of(e), e.getMessage());
        FailureStatus.headers(e).forEach(builder::header);
        return builder.build();
    }

    @ServerExceptionMapper
    public Response notAuthenticated(UnauthorizedException e) {
        return json(401, "Not authenticated").header(HttpHeaders.WWW_AUTHENTICATE, "Bearer").build();
    }

    @ServerExceptionMapper
    public Response invalidAuthentication(AuthenticationFailedException e) {
        return json(401, "Invalid authentication").header(HttpHeaders.WWW_AUTHENTICATE, "Bearer").build();
    }

    @ServerExceptionMapper
    public Response notAuthorized(ForbiddenException e) {
        return json(403, "Not authorized").build();
    }

    @ServerExceptionMapper
    public Response invalidBody(ConstraintViolationException e) {
        String detail = e.getConstraintViolations().stream()
                .map(v -> fieldOf(v.getPropertyPath().toString()) + ": " + v.getMessage())
                .sorted()
                .collect(Collectors.joining("; "));
        return json(422, detail).build();
    }

    @ServerExceptionMapper
    public Response wrongJsonShape(MismatchedInputException e) {
        return json(422, "Field '" + pathOf(e) + "' has the wrong type or is missing").build();
    }

    @ServerExceptionMapper
    public Response malformedJson(JsonProcessingException e) {
        return json(400, "Malformed JSON body").build();
    }

    @ServerExceptionMapper
    public Response http(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        if (status == 400 && e.getCause() instanceof JsonProcessingException) {
            return json(400, "Malformed JSON body").build();
        }
        Response.Status known = Response.Status.fromStatusCode(status);
        return json(status, known != null ? known.getReasonPhrase() : "HTTP " + status).build();
    }

    @ServerExceptionMapper
    public Response unexpected(Throwable e) {
        String reference = Failures.reference();
        LOG.errorf(e, "Unhandled error (ref %s)", reference);
        return json(500, "Internal server error (ref " + reference + ")").build();
    }

    static Response.ResponseBuilder json(int status, String detail) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(new ErrorBody(detail));
    }

    private static String fieldOf(String propertyPath) {
        // "execute.request.service" -> "service": callers know fields, not Java method names.
        String[] parts = propertyPath.split("\\.");
        return parts.length > 2 ? String.join(".", java.util.Arrays.copyOfRange(parts, 2, parts.length)) : propertyPath;
    }

    private static String pathOf(JsonMappingException e) {
        return e.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining("."));
    }
}
