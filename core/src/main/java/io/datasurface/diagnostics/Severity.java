package io.datasurface.diagnostics;

/** How bad a problem is; only errors make a model unacceptable. */
public enum Severity {
    ERROR,
    WARNING,
    INFO;

    public String label() {
        return name().toLowerCase(java.util.Locale.ENGLISH);
    }
}
