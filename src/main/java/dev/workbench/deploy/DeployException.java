package dev.workbench.deploy;

/** A deployment step failed; the message says which and why, fit for the logs and the caller. */
public class DeployException extends RuntimeException {

    public DeployException(String message) {
        super(message, null, false, false);
    }
}
