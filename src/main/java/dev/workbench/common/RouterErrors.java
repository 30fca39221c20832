package dev.workbench.common;

import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.json.Json;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import java.util.Comparator;
import java.util.List;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * JSON bodies for the errors that Vert.x itself answers before any resource is chosen: no route
 * at all, a method no route takes, a declared body over the global limit or over a path's
 * {@link BodyLimit}. Bodies sent without a length are bounded by the global limit, and the
 * features recheck what they read.
 */
public class RouterErrors {

    /** Before CORS and authentication: an oversized body is refused before anything else looks at it. */
    private static final int BODY_LIMIT_PRIORITY = 3000;

    private final long maxBodySize;
    /** Most specific first. */
    private final List<BodyLimit> limits;

    RouterErrors(@ConfigProperty(name = "quarkus.http.limits.max-body-size") MemorySize maxBodySize, Instance<BodyLimit> limits) {
        this.maxBodySize = maxBodySize.asLongValue();
        this.limits = limits.stream().sorted(Comparator.comparingInt((BodyLimit l) -> l.pathPrefix().length()).reversed()).toList();
    }

    void install(@Observes Router router) {
        for (int status : new int[] {400, 404, 405, 413, 414, 415, 431, 500}) {
            router.errorHandler(status, ctx -> respond(ctx, status, null));
        }
    }

    void limitBodies(@Observes Filters filters) {
        filters.register(ctx -> {
            String declared = ctx.request().getHeader("Content-Length");
            if (declared != null) {
                if (declared.isEmpty() || declared.length() > 18 || !declared.chars().allMatch(Character::isDigit)) {
                    respond(ctx, 400, "Invalid Content-Length header");
                    return;
                }
                long limit = limitFor(ctx.normalizedPath());
                if (Long.parseLong(declared) > limit) {
                    respond(ctx, 413, "Request body too large: at most " + limit + " bytes");
                    return;
                }
            }
            ctx.next();
        }, BODY_LIMIT_PRIORITY);
    }

    private long limitFor(String path) {
        for (BodyLimit limit : limits) {
            if (path != null && path.startsWith(limit.pathPrefix())) {
                return Math.min(limit.maxBytes(), maxBodySize);
            }
        }
        return maxBodySize;
    }

    /** Ends the request with {@code {"detail": ...}}; a null detail is the status's reason phrase. */
    /** Answers {@code failure} as {@code ErrorMappers} would, for filters that run before any resource. */
    public static void respond(RoutingContext ctx, Failure failure) {
        if (!ctx.response().headWritten()) {
            FailureStatus.headers(failure).forEach(ctx.response()::putHeader);
        }
        respond(ctx, FailureStatus.of(failure), failure.getMessage());
    }

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
