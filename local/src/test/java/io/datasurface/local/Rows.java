package io.datasurface.local;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.datasurface.kpsg.IngestedDataset;
import io.datasurface.kpsg.MappedColumn;
import io.datasurface.kpsg.PostgresNames;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Rows of a dataset as maps from model column name to a typed Java value (nulls allowed), written
 * to a source table with bound parameters, and put in a form that compares by value.
 */
final class Rows {
    private static final ObjectMapper JSON = new ObjectMapper();

    private Rows() {
    }

    /** A row from alternating column names and values. */
    static Map<String, Object> row(Object... namesAndValues) {
        Map<String, Object> row = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            row.put((String) namesAndValues[i], namesAndValues[i + 1]);
        }
        return row;
    }

    /** The row with some columns changed. */
    static Map<String, Object> with(Map<String, Object> row, Object... namesAndValues) {
        Map<String, Object> changed = new LinkedHashMap<>(row);
        changed.putAll(row(namesAndValues));
        return changed;
    }

    static void insert(Connection c, IngestedDataset d, Map<String, Object> row) throws SQLException {
        List<String> names = new ArrayList<>();
        List<String> params = new ArrayList<>();
        for (String name : row.keySet()) {
            names.add(PostgresNames.quote(name));
            params.add(param(column(d, name)));
        }
        String sql = "INSERT INTO " + SourceDatabases.table(d) + " (" + String.join(", ", names) + ") VALUES (" + String.join(", ", params) + ")";
        execute(c, sql, new ArrayList<>(row.values()));
    }

    /** Updates the row with the key of {@code row} to the values of {@code row}. */
    static void update(Connection c, IngestedDataset d, Map<String, Object> row) throws SQLException {
        List<String> sets = new ArrayList<>();
        List<Object> values = new ArrayList<>();
        for (Map.Entry<String, Object> e : row.entrySet()) {
            if (!column(d, e.getKey()).primaryKey()) {
                sets.add(PostgresNames.quote(e.getKey()) + " = " + param(column(d, e.getKey())));
                values.add(e.getValue());
            }
        }
        values.addAll(keyValues(d, row));
        execute(c, "UPDATE " + SourceDatabases.table(d) + " SET " + String.join(", ", sets) + " WHERE " + keyCondition(d), values);
    }

    static void delete(Connection c, IngestedDataset d, Map<String, Object> row) throws SQLException {
        execute(c, "DELETE FROM " + SourceDatabases.table(d) + " WHERE " + keyCondition(d), keyValues(d, row));
    }

    /** A value in a form whose equals compares what it means: bytes by content, JSON parsed, instants in UTC. */
    static Object comparable(Object value) {
        if (value instanceof byte[] bytes) {
            return "bytes:" + HexFormat.of().formatHex(bytes);
        }
        if (value instanceof OffsetDateTime t) {
            return t.withOffsetSameInstant(ZoneOffset.UTC);
        }
        if (value instanceof Json json) {
            try {
                return JSON.readTree(json.text());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return value;
    }

    static Map<String, Object> comparable(Map<String, Object> row) {
        Map<String, Object> out = new LinkedHashMap<>();
        row.forEach((k, v) -> out.put(k, comparable(v)));
        return out;
    }

    /** JSON text, written to and read from a jsonb column. */
    record Json(String text) {
    }

    /** The Java class a column's values are read as; JSON as {@link Json}. */
    static Class<?> javaType(String sqlType) {
        if (sqlType.equals("bigint")) {
            return Long.class;
        } else if (sqlType.equals("integer")) {
            return Integer.class;
        } else if (sqlType.equals("smallint")) {
            return Short.class;
        } else if (sqlType.startsWith("numeric")) {
            return BigDecimal.class;
        } else if (sqlType.equals("double precision")) {
            return Double.class;
        } else if (sqlType.equals("real")) {
            return Float.class;
        } else if (sqlType.equals("date")) {
            return LocalDate.class;
        } else if (sqlType.startsWith("timestamptz")) {
            return OffsetDateTime.class;
        } else if (sqlType.startsWith("timestamp")) {
            return LocalDateTime.class;
        } else if (sqlType.equals("boolean")) {
            return Boolean.class;
        } else if (sqlType.equals("bytea")) {
            return byte[].class;
        } else if (sqlType.equals("jsonb")) {
            return Json.class;
        }
        return String.class;
    }

    static MappedColumn column(IngestedDataset d, String modelName) {
        return d.columns().stream().filter(c -> c.column().name().equals(modelName)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException(d.name() + " has no column " + modelName));
    }

    private static String param(MappedColumn column) {
        return column.sqlType().equals("jsonb") ? "CAST(? AS jsonb)" : "?";
    }

    private static String keyCondition(IngestedDataset d) {
        return String.join(" AND ", d.keyColumns().stream().map(k -> PostgresNames.quote(k.column().name()) + " = ?").toList());
    }

    private static List<Object> keyValues(IngestedDataset d, Map<String, Object> row) {
        return d.keyColumns().stream().map(k -> row.get(k.column().name())).toList();
    }

    private static void execute(Connection c, String sql, List<Object> values) throws SQLException {
        try (PreparedStatement p = c.prepareStatement(sql)) {
            for (int i = 0; i < values.size(); i++) {
                Object v = values.get(i);
                p.setObject(i + 1, v instanceof Json json ? json.text() : v);
            }
            p.executeUpdate();
        }
    }
}
