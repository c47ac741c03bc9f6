package io.datasurface.model;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;

/** The ordered columns of a dataset; the primary key is the columns marked as key, in order. */
public record Schema(List<Column> columns) {
    public Schema {
        columns = List.copyOf(requireNonNull(columns, "columns is null"));
    }

    public List<Column> primaryKey() {
        return columns.stream().filter(Column::primaryKey).toList();
    }

    public List<Column> nonKeyColumns() {
        return columns.stream().filter(c -> !c.primaryKey()).toList();
    }

    public Optional<Column> column(String name) {
        return columns.stream().filter(c -> c.name().equals(name)).findFirst();
    }
}
