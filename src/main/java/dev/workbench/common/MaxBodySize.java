package dev.workbench.common;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A resource method that takes smaller bodies than {@code quarkus.http.limits.max-body-size}.
 * {@link BodySizeFilter} reads it reflectively, so a resource using it carries
 * {@code @RegisterForReflection} for the native image.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface MaxBodySize {

    /** Largest accepted body, in bytes. */
    long value();
}
