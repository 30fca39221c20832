package dev.workbench.agent.llm;

/** An agent's provider has no credentials; the message names the variable to set. */
public class MissingCredentialsException extends RuntimeException {

    public MissingCredentialsException(String message) {
        super(message, null, false, false);
    }
}
