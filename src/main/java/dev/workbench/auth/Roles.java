package dev.workbench.auth;

/** Role names carried by an authenticated identity. */
public final class Roles {

    /** Held by a valid token whose subject is {@code ADMIN_USERNAME}; every protected route requires it. */
    public static final String ADMIN = "admin";

    private Roles() {
    }
}
