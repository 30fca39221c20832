package dev.workbench.agent.llm;

/** A provider refused, failed or broke off a call; the message is fit to show (no secrets). */
public class ProviderException extends RuntimeException {

    private final int status;
    private final long retryAfterSeconds;

    public ProviderException(String message) {
        this(0, message);
    }

    public ProviderException(int status, String message) {
        this(status, message, 0);
    }

    public ProviderException(int status, String message, long retryAfterSeconds) {
        super(message, null, false, false);
        this.status = status;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    /** The wait a rate-limited provider asked for in {@code Retry-After}, or 0. */
    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }

    /** The provider's HTTP status, or 0 when it never gave one. */
    public int status() {
        return status;
    }
}
