package io.datasurface.modelservice;

/** How a command prints its answer. */
public enum OutputFormat {
    /** Compiler-style lines for people. */
    text,
    /** One JSON document for machines. */
    json
}
