package io.datasurface.cli;

/**
 * The exit codes every DataSurface command shares, so that Airflow, CI jobs and scripts read every
 * service's answer the same way.
 */
public final class ExitCodes {
    /** The model is clean, the change accepted, the batch merged (or nothing to merge), the files written. */
    public static final int OK = 0;
    /** The model has errors, the change is rejected, or secrets are missing. */
    public static final int REJECTED = 1;
    /** The work was attempted and failed (and was recorded where the command records failures). */
    public static final int FAILED = 1;
    /** The input cannot be used: no such folder, ref, platform or stream, unreadable YAML, a missing credential variable. */
    public static final int UNUSABLE = 2;

    private ExitCodes() {
    }
}
