package io.datasurface.kpsg;

import static java.util.Objects.requireNonNull;

import io.datasurface.model.Column;

/** A model column with its PostgreSQL column name and type. */
public record MappedColumn(Column column, String name, String sqlType) {
    public MappedColumn {
        requireNonNull(column, "column is null");
        requireNonNull(name, "name is null");
        requireNonNull(sqlType, "sqlType is null");
    }

    public boolean primaryKey() {
        return column.primaryKey();
    }

    public boolean nullable() {
        return column.nullable();
    }
}
