package dev.workbench.common;

/** The 501 of a protected route whose capability has not landed yet; reached only after authentication. */
public final class NotImplementedYet {

    private NotImplementedYet() {
    }

    public static ApiException of(String what) {
        return new ApiException(501, what + " is not implemented yet");
    }
}
