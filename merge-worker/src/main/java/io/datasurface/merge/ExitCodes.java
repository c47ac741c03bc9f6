package io.datasurface.merge;

/** The exit codes every merge-worker command shares; Airflow marks the task failed on anything but 0. */
public final class ExitCodes {
    /** Done: merged, nothing to merge, or another run already merging. */
    public static final int OK = 0;
    /** The batch or the reconcile failed (and was recorded), or tables could not be made to match. */
    public static final int FAILED = 1;
    /** Unusable input: a bad model, an unknown platform or stream, a missing credential variable. */
    public static final int UNUSABLE = 2;

    private ExitCodes() {
    }
}
