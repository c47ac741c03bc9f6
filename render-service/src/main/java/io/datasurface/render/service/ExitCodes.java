package io.datasurface.render.service;

/** The exit codes every render-service command shares. */
public final class ExitCodes {
    /** Rendered, or every credential exists. */
    public static final int OK = 0;
    /** The model has errors, or credentials are missing. */
    public static final int REJECTED = 1;
    /** The input cannot be used: no such folder or platform, unreadable YAML, no Kubernetes API. */
    public static final int UNUSABLE = 2;

    private ExitCodes() {
    }
}
