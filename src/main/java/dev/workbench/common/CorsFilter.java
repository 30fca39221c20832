package dev.workbench.common;

import io.quarkus.runtime.StartupEvent;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.event.Observes;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * CORS as the original's Starlette middleware did it: configured origins get any method and the
 * headers they ask for, and credentials only with {@code ALLOW_CREDENTIALS}; a preflight from
 * another origin is refused; a plain request from another origin is served without CORS headers,
 * so the browser keeps it from the page. An origin list that could never match what a browser
 * sends ({@code *}, a path, a trailing slash) stops startup: it is an allowlist, not a pattern.
 */
public class CorsFilter {

    /** Runs before authentication, so a preflight never needs a token. */
    private static final int PRIORITY = 2000;
    private static final String METHODS = "DELETE, GET, HEAD, OPTIONS, PATCH, POST, PUT";
    /** What a browser sends as {@code Origin}: scheme, host and an optional port, nothing more. */
    private static final Pattern ORIGIN = Pattern.compile("https?://([a-z0-9-]+(\\.[a-z0-9-]+)*|\\[[0-9a-f:.]+\\])(:[1-9][0-9]{0,4})?");

    private final Set<String> origins;
    private final boolean credentials;

    CorsFilter(CorsConfig config) {
        this.origins = Set.copyOf(config.allowedOrigins());
        this.credentials = config.allowCredentials();
    }

    void check(@Observes StartupEvent event) {
        String problem = problemWith(origins);
        if (problem != null) {
            StartupRefusal.refuse(problem);
        }
    }

    /** Why {@code origins} cannot be used, or null. */
    static String problemWith(Set<String> origins) {
        for (String origin : origins) {
            boolean defaultPort = origin.startsWith("http://") && origin.endsWith(":80") || origin.startsWith("https://") && origin.endsWith(":443");
            if (!ORIGIN.matcher(origin).matches() || defaultPort) {
                return "ALLOWED_ORIGINS: '" + origin + "' is not an origin as a browser sends it; list each as scheme://host[:port], "
                        + "lower-case, without a default port, a path or a trailing slash (a wildcard is not accepted)";
            }
        }
        return null;
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

    private void allow(HttpServerResponse response, String origin) {
        response.putHeader("Access-Control-Allow-Origin", origin);
        if (credentials) {
            response.putHeader("Access-Control-Allow-Credentials", "true");
        }
    }
}
