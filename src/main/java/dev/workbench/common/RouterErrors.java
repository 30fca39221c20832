package dev.workbench.common;

import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.json.Json;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.event.Observes;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * JSON bodies for the errors that Vert.x itself answers before any resource is chosen: no route
 * at all, a method no route takes, a declared body over the global size limit.
 */
public class RouterErrors {

    /** Before CORS and authentication: an oversized body is refused before anything else looks at it. */
    private static final int BODY_LIMIT_PRIORITY = 3000;

    private final long maxBodySize;

    RouterErrors(@ConfigProperty(name = "quarkus.http.limits.max-body-size") MemorySize maxBodySize) {
        this.maxBodySize = maxBodySize.asLongValue();
    }

    void install(@Observes Router router) {
        for (int status : new int[] {400, 404, 405, 413, 414, 415, 431, 500}) {
            router.errorHandler(status, ctx -> respond(ctx, status, null));
        }
    }

    void limitBodies(@Observes Filters filters) {
        filters.register(ctx -> {
            String declared = ctx.request().getHeader("Content-Length");
            if (declared != null && declared.length() < 20 && declared.chars().allMatch(Character::isDigit)
                    && Long.parseLong(declared) > maxBodySize) {
                respond(ctx, 413, "Request body too large: at most " + maxBodySize + " bytes");
                return;
            }
            ctx.next();
        }, BODY_LIMIT_PRIORITY);
    }

    static void respond(RoutingContext ctx, int status, String detail) {
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
