package io.datasurface.modelservice;

/** The exit codes every model-service command shares. */
public final class ExitCodes {
    /** The model is clean, or the change is accepted. */
    public static final int OK = 0;
    /** The model has errors, or the change is rejected. */
    public static final int REJECTED = 1;
    /** The input cannot be used: no such folder or ref, unreadable YAML. */
    public static final int UNUSABLE = 2;

    private ExitCodes() {
    }
}
