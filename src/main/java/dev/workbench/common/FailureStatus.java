package dev.workbench.common;

import dev.workbench.common.Failure;
import java.util.Map;

/** The one table from a {@link Failure} to what a caller sees: the HTTP status and its headers. */
public final class FailureStatus {

    private FailureStatus() {
    }

    public static int of(Failure failure) {
        return switch (failure) {
            case Failure.Malformed ignored -> 400;
            case Failure.Unauthenticated ignored -> 401;
            case Failure.Refused ignored -> 403;
            case Failure.NotFound ignored -> 404;
            case Failure.Conflict ignored -> 409;
            case Failure.TooLarge ignored -> 413;
            case Failure.Invalid ignored -> 422;
            case Failure.LimitReached ignored -> 429;
            case Failure.UpstreamFailed ignored -> 502;
            case Failure.Unavailable ignored -> 503;
            case Failure.MissingCredentials ignored -> 503;
            case Failure.UpstreamTimedOut ignored -> 504;
        };
    }

    /** The status of {@code failure}, or 500 for a bug (no failure). */
    public static int ofOrUnexpected(Failure failure) {
        return failure == null ? 500 : of(failure);
    }

    public static Map<String, String> headers(Failure failure) {
        Map<String, String> headers = new java.util.LinkedHashMap<>();
        long retryAfter = failure.retryAfterSeconds();
        if (retryAfter > 0) {
            headers.put("Retry-After", Long.toString(retryAfter));
        }
        return headers;
    }
}
