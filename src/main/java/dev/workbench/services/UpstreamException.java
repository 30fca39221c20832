package dev.workbench.services;

import dev.workbench.common.ApiException;

/** A tool service failed to give a usable answer: the caller sees 502 or 504 and why. */
public class UpstreamException extends ApiException {

    private UpstreamException(int status, String detail) {
        super(status, detail);
    }

    public static UpstreamException unreachable(ToolService service, Throwable cause) {
        return new UpstreamException(502, "Service " + service.id() + " is unreachable: " + UpstreamFailures.describe(cause));
    }

    public static UpstreamException timeout(ToolService service) {
        return new UpstreamException(504, "Service " + service.id() + " did not answer within "
                + service.timeout().toMillis() + " ms");
    }

    /** The service began its answer, then sent nothing for its whole timeout. */
    public static UpstreamException silent(ToolService service) {
        return new UpstreamException(504, "Service " + service.id() + " sent nothing for "
                + service.timeout().toMillis() + " ms in the middle of its answer");
    }

    public static UpstreamException paused(ToolService service, java.time.Duration delay) {
        return new UpstreamException(503, "Service " + service.id() + " keeps failing; calls to it are paused for up to "
                + delay.toSeconds() + " s");
    }

    public static UpstreamException overBudget(ToolService service) {
        return new OverBudget("Service " + service.id() + " answered while too many large answers are in memory; retry shortly");
    }

    /** Our memory, not the service, was short: never counted against the service's circuit breaker. */
    public static final class OverBudget extends UpstreamException {
        private OverBudget(String detail) {
            super(503, detail);
        }
    }

    public static UpstreamException tooLarge(ToolService service, long limit) {
        return new UpstreamException(502, "Service " + service.id() + " answered with more than " + limit + " bytes");
    }
}
