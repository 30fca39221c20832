package dev.workbench.common;

import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.MultiMap;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.event.Observes;

/**
 * Headers every response carries, set as its headers are written, whoever wrote it (a resource, an
 * error mapper, the HTTP layer, the proxy): {@code nosniff}, no referrer, no framing. Our own API
 * forbids every kind of content ({@code default-src 'none'}); a proxied answer is sandboxed, so a
 * hostile tool service's HTML never runs script in our origin; authenticated answers are not
 * cached. The development UIs under {@code /q/} keep their scripts and frames.
 */
public class SecurityHeaders {

    /** Before every other filter, so even their own answers carry the headers. */
    private static final int PRIORITY = 10_000;
    static final String API_POLICY = "default-src 'none'; frame-ancestors 'none'";
    static final String PROXIED_POLICY = "sandbox";

    void register(@Observes Filters filters) {
        filters.register(SecurityHeaders::handle, PRIORITY);
    }

    private static void handle(RoutingContext ctx) {
        String path = ctx.request().path();
        boolean authenticated = ctx.request().getHeader("Authorization") != null;
        ctx.addHeadersEndHandler(ignored -> {
            MultiMap headers = ctx.response().headers();
            headers.set("X-Content-Type-Options", "nosniff");
            headers.set("Referrer-Policy", "no-referrer");
            if (isDevelopmentUi(path)) {
                return;
            }
            headers.set("X-Frame-Options", "DENY");
            headers.set("Content-Security-Policy", path != null && path.startsWith("/mcp/") ? PROXIED_POLICY : API_POLICY);
            if (authenticated) {
                // An event stream's "no-cache" stays, and gains "no-store".
                String cache = headers.get("Cache-Control");
                headers.set("Cache-Control", cache == null || cache.isBlank() || cache.contains("no-store") ? "no-store" : cache + ", no-store");
            }
        });
        ctx.next();
    }

    private static boolean isDevelopmentUi(String path) {
        return path != null && (path.startsWith("/q/dev") || path.startsWith("/q/swagger-ui") || path.startsWith("/q/graphql-ui"));
    }
}
