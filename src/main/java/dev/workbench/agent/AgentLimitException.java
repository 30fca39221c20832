package dev.workbench.agent;

/** A run hit one of its limits; {@code status} is what a non-streaming caller gets. */
public class AgentLimitException extends RuntimeException {

    private final int status;

    public AgentLimitException(int status, String message) {
        super(message, null, false, false);
        this.status = status;
    }

    public int status() {
        return status;
    }
}
