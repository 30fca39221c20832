package dev.workbench.common;

import org.jboss.logging.Logger;

/** Stops the process at startup with one line that says what to change. */
public final class StartupRefusal {

    private static final Logger LOG = Logger.getLogger(StartupRefusal.class);

    private StartupRefusal() {
    }

    public static void refuse(String reason) {
        LOG.error(reason);
        System.out.flush();
        System.err.flush();
        // Halting, not exiting: a shutdown hook would wait for the startup the caller is part of.
        Runtime.getRuntime().halt(1);
    }
}
