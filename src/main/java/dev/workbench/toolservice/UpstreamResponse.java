package dev.workbench.toolservice;

/**
 * What a tool service answered: status, its content type, and the whole body, whose bytes count
 * against the {@link ResponseBudget} until {@link #release()} (once the answer has been used).
 */
public record UpstreamResponse(int status, String contentType, byte[] body, ResponseBudget.Hold hold) {

    /** Returns the body's bytes to the budget; safe to call more than once. */
    public void release() {
        if (hold != null) {
            hold.release();
        }
    }
}
