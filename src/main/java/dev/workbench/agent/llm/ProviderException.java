package dev.workbench.agent.llm;

/** A provider refused, failed or broke off a call; the message is fit to show (no secrets). */
public class ProviderException extends RuntimeException {

    private final int status;

    public ProviderException(String message) {
        this(0, message);
    }

    public ProviderException(int status, String message) {
        super(message, null, false, false);
        this.status = status;
    }

    /** The provider's HTTP status, or 0 when it never gave one. */
    public int status() {
        return status;
    }
}
