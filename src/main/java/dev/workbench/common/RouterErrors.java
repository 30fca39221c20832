package dev.workbench.common;

import io.vertx.core.json.Json;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.event.Observes;
import jakarta.ws.rs.core.Response;

/**
 * JSON bodies for the errors that Vert.x itself answers before any resource is chosen (no route at
 * all, a method no route takes, a body over the HTTP layer's limits), and for the filters that
 * refuse a request before routing.
 */
public class RouterErrors {

    void install(@Observes Router router) {
        for (int status : new int[] {400, 404, 405, 413, 414, 415, 431, 500}) {
            router.errorHandler(status, ctx -> respond(ctx, status, null));
        }
    }

    /** Answers {@code failure} as {@code ErrorMappers} would, for filters that run before any resource. */
    public static void respond(RoutingContext ctx, Failure failure) {
        if (!ctx.response().headWritten()) {
            FailureStatus.headers(failure).forEach(ctx.response()::putHeader);
        }
        respond(ctx, FailureStatus.of(failure), failure.getMessage());
    }

    /** Ends the request with {@code {"detail": ...}}; a null detail is the status's reason phrase. */
    public static void respond(RoutingContext ctx, int status, String detail) {
        if (ctx.response().headWritten()) {
            return;
        }
        if (detail == null) {
            Response.Status known = Response.Status.fromStatusCode(status);
            detail = status == 500 ? "Internal server error" : known != null ? known.getReasonPhrase() : "HTTP " + status;
        }
        ctx.response()
                .setStatusCode(status)
                .putHeader("Content-Type", "application/json")
                .end(Json.encode(new ErrorBody(detail)));
    }
}
