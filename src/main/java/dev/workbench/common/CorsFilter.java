package dev.workbench.common;

import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.event.Observes;
import java.util.Set;

/**
 * CORS as the original's Starlette middleware did it: configured origins get credentials, any
 * method and the headers they ask for; a preflight from another origin is refused; a plain
 * request from another origin is served without CORS headers, so the browser keeps it from the page.
 */
public class CorsFilter {

    /** Runs before authentication, so a preflight never needs a token. */
    private static final int PRIORITY = 2000;
    private static final String METHODS = "DELETE, GET, HEAD, OPTIONS, PATCH, POST, PUT";

    private final Set<String> origins;

    CorsFilter(CorsConfig config) {
        this.origins = Set.copyOf(config.allowedOrigins());
    }

    void register(@Observes Filters filters) {
        filters.register(this::handle, PRIORITY);
    }

    private void handle(RoutingContext ctx) {
        HttpServerRequest request = ctx.request();
        String origin = request.getHeader("Origin");
        if (origin == null) {
            ctx.next();
            return;
        }
        boolean allowed = origins.contains(origin);
        boolean preflight = request.method() == HttpMethod.OPTIONS
                && request.getHeader("Access-Control-Request-Method") != null;
        HttpServerResponse response = ctx.response();
        response.headers().add("Vary", "Origin");
        if (preflight) {
            if (!allowed) {
                RouterErrors.respond(ctx, new Failure.Malformed("Disallowed CORS origin"));
                return;
            }
            allow(response, origin);
            response.putHeader("Access-Control-Allow-Methods", METHODS);
            String headers = request.getHeader("Access-Control-Request-Headers");
            if (headers != null) {
                response.putHeader("Access-Control-Allow-Headers", headers);
            }
            response.putHeader("Access-Control-Max-Age", "600");
            response.setStatusCode(200).end();
            return;
        }
        if (allowed) {
            allow(response, origin);
        }
        ctx.next();
    }

    private static void allow(HttpServerResponse response, String origin) {
        response.putHeader("Access-Control-Allow-Origin", origin);
        response.putHeader("Access-Control-Allow-Credentials", "true");
    }
}
