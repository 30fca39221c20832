package dev.workbench.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The one table from what went wrong to what a caller sees, as the original's clients know it. */
class FailureStatusTest {

    @Test
    void everyKindOfFailureHasTheStatusItsCallersKnow() {
        assertThat(FailureStatus.of(new Failure.Malformed("x"))).isEqualTo(400);
        assertThat(FailureStatus.of(new Failure.Unauthenticated("x"))).isEqualTo(401);
        assertThat(FailureStatus.of(new Failure.Refused("x"))).isEqualTo(403);
        assertThat(FailureStatus.of(new Failure.NotFound("x"))).isEqualTo(404);
        assertThat(FailureStatus.of(new Failure.Conflict("x"))).isEqualTo(409);
        assertThat(FailureStatus.of(new Failure.TooLarge("x"))).isEqualTo(413);
        assertThat(FailureStatus.of(new Failure.Invalid("x"))).isEqualTo(422);
        assertThat(FailureStatus.of(new Failure.LimitReached("x"))).isEqualTo(429);
        assertThat(FailureStatus.of(new Failure.UpstreamFailed("x"))).isEqualTo(502);
        assertThat(FailureStatus.of(new Failure.Unavailable("x"))).isEqualTo(503);
        assertThat(FailureStatus.of(new Failure.MissingCredentials("x"))).isEqualTo(503);
        assertThat(FailureStatus.of(new Failure.UpstreamTimedOut("x"))).isEqualTo(504);
        assertThat(FailureStatus.ofOrUnexpected(null)).isEqualTo(500);
        // The family is closed: twelve kinds, each asserted above.
        assertThat(Arrays.asList(Failure.class.getPermittedSubclasses())).hasSize(12);
    }

    @Test
    void aWaitIsSaidInRetryAfterOnlyWhenThereIsOne() {
        assertThat(FailureStatus.headers(new Failure.LimitReached("x", 7))).isEqualTo(Map.of("Retry-After", "7"));
        assertThat(FailureStatus.headers(new Failure.Unavailable("x", 1))).isEqualTo(Map.of("Retry-After", "1"));
        assertThat(FailureStatus.headers(new Failure.LimitReached("x"))).isEmpty();
        assertThat(FailureStatus.headers(new Failure.UpstreamFailed("x"))).isEmpty();
    }

    @Test
    void aFailureCarriesNoStackTraceToLeak() {
        assertThat(new Failure.NotFound("Service x not found").getStackTrace()).isEmpty();
    }
}
