package io.datasurface.diagnostics;

import static java.util.Objects.requireNonNull;

import io.datasurface.model.ObjectPath;
import io.datasurface.model.SourceLocation;
import java.util.Optional;

/**
 * One problem in a model, reported like a compiler reports it: where, how bad, which rule, and a
 * message that says how to fix it.
 */
public record Problem(Severity severity, String rule, ObjectPath path, Optional<SourceLocation> location, String message) {
    public Problem {
        requireNonNull(severity, "severity is null");
        requireNonNull(rule, "rule is null");
        requireNonNull(path, "path is null");
        requireNonNull(location, "location is null");
        requireNonNull(message, "message is null");
    }

    public boolean isError() {
        return severity == Severity.ERROR;
    }

    /** {@code file:line:col: error: [rule] path: message}. */
    @Override
    public String toString() {
        String where = location.map(l -> l.toString() + ": ").orElse("");
        return where + severity.label() + ": [" + rule + "] " + path + ": " + message;
    }
}
