package io.datasurface.modelservice;

/**
 * How lint and check print their findings: as {@link OutputFormat} does, and also as SARIF. Commands with nothing to
 * review inline (graph, plan) keep {@link OutputFormat}, so that they refuse {@code sarif} rather than ignore it.
 */
public enum ReportFormat {
    /** Compiler-style lines for people. */
    text,
    /** One JSON document for machines. */
    json,
    /** One SARIF 2.1.0 log, for code hosts that show results inline on a pull request. */
    sarif
}
