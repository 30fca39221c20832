package dev.workbench.common;

/**
 * A smaller body limit than {@code quarkus.http.limits.max-body-size} for the paths under
 * {@code pathPrefix}. A feature declares one as a CDI bean; {@link BodyLimits} refuses a larger
 * declared body as too large before routing, without reflection, so it holds in a native image too.
 */
public record BodyLimit(String pathPrefix, long maxBytes) {
}
