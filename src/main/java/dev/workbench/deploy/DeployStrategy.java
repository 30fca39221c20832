package dev.workbench.deploy;

/**
 * How a target is deployed, as configuration and deployment results spell it ({@code fly},
 * {@code github}): an unknown value fails at startup, naming its key.
 */
public enum DeployStrategy {
    /** The Fly Machines API, machine by machine. */
    FLY("fly"),
    /** A GitHub Actions workflow dispatch. */
    GITHUB("github");

    private final String spelling;

    DeployStrategy(String spelling) {
        this.spelling = spelling;
    }

    @Override
    public String toString() {
        return spelling;
    }
}
