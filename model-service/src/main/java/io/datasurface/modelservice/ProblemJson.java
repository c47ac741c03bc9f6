package io.datasurface.modelservice;

import io.datasurface.diagnostics.Problem;

/** A lint problem as it appears in JSON output. */
public record ProblemJson(String severity, String rule, String path, String file, Integer line, Integer column, String message) {

    public static ProblemJson of(Problem p) {
        return new ProblemJson(p.severity().label(), p.rule(), p.path().toString(),
                p.location().map(l -> l.file()).orElse(null),
                p.location().map(l -> l.line()).orElse(null),
                p.location().map(l -> l.column()).orElse(null),
                p.message());
    }
}
