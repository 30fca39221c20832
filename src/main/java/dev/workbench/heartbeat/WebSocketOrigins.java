package dev.workbench.heartbeat;

import dev.workbench.common.CorsConfig;
import dev.workbench.common.Failure;
import dev.workbench.common.RouterErrors;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.event.Observes;
import java.util.Set;

/**
 * A browser opening {@code /ws} says where the page came from in {@code Origin}; only the CORS
 * origins may (refused before the upgrade otherwise), so another site cannot ride a visitor's browser
 * into the heartbeat. Clients without {@code Origin} (scripts, monitors) are not browsers and pass.
 */
public class WebSocketOrigins {

    /** Before the upgrade handler and before CORS. */
    private static final int PRIORITY = 2500;

    private final Set<String> origins;

    WebSocketOrigins(CorsConfig config) {
        this.origins = Set.copyOf(config.allowedOrigins());
    }

    void register(@Observes Filters filters) {
        filters.register(this::handle, PRIORITY);
    }

    private void handle(RoutingContext ctx) {
        String origin = ctx.request().getHeader("Origin");
        if (origin != null && "/ws".equals(ctx.request().path()) && !origins.contains(origin)) {
            RouterErrors.respond(ctx, new Failure.Refused("Origin not allowed"));
            return;
        }
        ctx.next();
    }
}
