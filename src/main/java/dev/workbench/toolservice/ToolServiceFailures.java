package dev.workbench.toolservice;

import dev.workbench.common.Failure;
import java.time.Duration;

/** How a call to a tool service fails, in the caller's words. */
final class ToolServiceFailures {

    private ToolServiceFailures() {
    }

    static Failure unreachable(ToolService service, Throwable cause) {
        return new Failure.UpstreamFailed("Service " + service.id() + " is unreachable: " + UpstreamFailures.describe(cause));
    }

    static Failure timeout(ToolService service) {
        return new Failure.UpstreamTimedOut("Service " + service.id() + " did not answer within " + service.timeout().toMillis() + " ms");
    }

    /** The service began its answer, then sent nothing for its whole timeout. */
    static Failure silent(ToolService service) {
        return new Failure.UpstreamTimedOut("Service " + service.id() + " sent nothing for "
                + service.timeout().toMillis() + " ms in the middle of its answer");
    }

    static Failure paused(ToolService service, Duration delay) {
        return new Failure.Unavailable("Service " + service.id() + " keeps failing; calls to it are paused for up to "
                + delay.toSeconds() + " s");
    }

    /** Our memory, not the service, was short: never counted against the service's circuit breaker. */
    static Failure overBudget(ToolService service) {
        return new Failure.Unavailable("Service " + service.id() + " answered while too many large answers are in memory; retry shortly");
    }

    static Failure tooLarge(ToolService service, long limit) {
        return new Failure.UpstreamFailed("Service " + service.id() + " answered with more than " + limit + " bytes");
    }

    /** What a failure to get or read an answer means to the caller: too slow or unreachable. */
    static Failure of(ToolService service, Throwable failure) {
        if (failure instanceof Failure known) {
            return known;
        }
        return UpstreamFailures.isTimeout(failure) ? timeout(service) : unreachable(service, failure);
    }
}
