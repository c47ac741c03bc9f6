package io.datasurface.model;

import static java.util.Objects.requireNonNull;

/** A place in a model file, 1-based like a compiler reports it. */
public record SourceLocation(String file, int line, int column) {
    public SourceLocation {
        requireNonNull(file, "file is null");
    }

    public static SourceLocation ofFile(String file) {
        return new SourceLocation(file, 1, 1);
    }

    @Override
    public String toString() {
        return file + ":" + line + ":" + column;
    }
}
