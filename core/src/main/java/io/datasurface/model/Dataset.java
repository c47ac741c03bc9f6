package io.datasurface.model;

import static java.util.Objects.requireNonNull;

/** A table of data published by a datastore. */
public record Dataset(String name, Documentation documentation, String classification, boolean deprecated, Schema schema) {
    public Dataset {
        requireNonNull(name, "name is null");
        requireNonNull(documentation, "documentation is null");
        requireNonNull(classification, "classification is null");
        requireNonNull(schema, "schema is null");
    }
}
