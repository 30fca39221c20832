package dev.workbench.common;

import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import java.util.Comparator;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Refuses a declared body over the global limit or over a path's {@link BodyLimit} before routing,
 * CORS and authentication look at it. Bodies sent without a length are bounded by the global limit,
 * and the features recheck what they read.
 */
public class BodyLimits {

    /** Before CORS and authentication: an oversized body is refused before anything else looks at it. */
    private static final int PRIORITY = 3000;

    private final long maxBodySize;
    /** Most specific first. */
    private final List<BodyLimit> limits;

    BodyLimits(@ConfigProperty(name = "quarkus.http.limits.max-body-size") MemorySize maxBodySize, Instance<BodyLimit> limits) {
        this.maxBodySize = maxBodySize.asLongValue();
        this.limits = limits.stream().sorted(Comparator.comparingInt((BodyLimit l) -> l.pathPrefix().length()).reversed()).toList();
    }

    void register(@Observes Filters filters) {
        filters.register(this::check, PRIORITY);
    }

    private void check(RoutingContext ctx) {
        String declared = ctx.request().getHeader("Content-Length");
        if (declared != null) {
            if (declared.isEmpty() || declared.length() > 18 || !declared.chars().allMatch(Character::isDigit)) {
                RouterErrors.respond(ctx, new Failure.Malformed("Invalid Content-Length header"));
                return;
            }
            long limit = limitFor(ctx.normalizedPath());
            if (Long.parseLong(declared) > limit) {
                RouterErrors.respond(ctx, new Failure.TooLarge("Request body too large: at most " + limit + " bytes"));
                return;
            }
        }
        ctx.next();
    }

    private long limitFor(String path) {
        for (BodyLimit limit : limits) {
            if (path != null && path.startsWith(limit.pathPrefix())) {
                return Math.min(limit.maxBytes(), maxBodySize);
            }
        }
        return maxBodySize;
    }
}
