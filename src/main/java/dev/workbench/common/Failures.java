package dev.workbench.common;

import java.util.concurrent.ThreadLocalRandom;

/** What the failures that are not a {@link Failure} (bugs) share. */
public final class Failures {

    private Failures() {
    }

    /** A short reference for a bug, in its log line and in what the caller sees, so one leads to the other. */
    public static String reference() {
        return Long.toString(ThreadLocalRandom.current().nextLong() >>> 1, 36).substring(0, 8);
    }
}
