package dev.workbench.proxy;

import dev.workbench.common.Failure;
import dev.workbench.common.RouterErrors;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.event.Observes;

/**
 * Refuses an invalid proxy path as malformed ({@code Invalid path}) on the raw request, before routing
 * or normalisation: {@code /mcp/memory/../secret} never becomes another route, and nothing
 * invalid reaches a tool service. Service lookup and the allowlist come after authentication.
 */
public class ProxyPathFilter {

    /** After body limits and CORS, before routing and authentication. */
    private static final int PRIORITY = 1000;

    void register(@Observes Filters filters) {
        filters.register(this::check, PRIORITY);
    }

    private void check(RoutingContext ctx) {
        String raw = ctx.request().path();
        String normalized = ctx.normalizedPath();
        boolean aimsAtProxy = raw != null && (raw.startsWith("/mcp/") || raw.equals("/mcp"))
                || normalized != null && normalized.startsWith("/mcp/");
        if (!aimsAtProxy || ProxyPath.parse(raw).isPresent()) {
            ctx.next();
            return;
        }
        RouterErrors.respond(ctx, new Failure.Malformed("Invalid path"));
    }
}
