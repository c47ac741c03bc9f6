package io.datasurface.model;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/** One column of a dataset's schema. */
public record Column(String name, DataType type, boolean nullable, boolean primaryKey, Optional<String> classification) {
    public Column {
        requireNonNull(name, "name is null");
        requireNonNull(type, "type is null");
        requireNonNull(classification, "classification is null");
    }

    public static Column of(String name, DataType type, boolean nullable, boolean primaryKey) {
        return new Column(name, type, nullable, primaryKey, Optional.empty());
    }
}
