package io.datasurface.local;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.datasurface.kpsg.IngestedDataset;
import io.datasurface.kpsg.MappedColumn;
import io.datasurface.kpsg.PostgresNames;
import io.datasurface.model.DataType;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Rows of a dataset's table as typed Java values that compare by value: integers as longs, decimals
 * without trailing zeros, times as LocalDate, LocalDateTime or Instant, bytes as hex, JSON as a
 * parsed tree, char(n) without its padding. The same dataset read from its source table and from
 * its merge table is equal exactly when the pipeline kept every value.
 */
public final class TypedRows {
    private static final ObjectMapper JSON = new ObjectMapper();

    private TypedRows() {
    }

    /** Every row of {@code table} matching {@code where}, by key, columns named by {@code columnName}. */
    public static Map<List<Object>, List<Object>> read(Connection c, String table, IngestedDataset d, Function<MappedColumn, String> columnName,
            String where) throws SQLException {
        Map<List<Object>, List<Object>> rows = new LinkedHashMap<>();
        for (List<Object> row : readAll(c, table, d, columnName, where)) {
            rows.put(key(d, row), row);
        }
        return rows;
    }

    /** Every row of {@code table} matching {@code where} (which may end in ORDER BY), in the order read. */
    public static List<List<Object>> readAll(Connection c, String table, IngestedDataset d, Function<MappedColumn, String> columnName,
            String where) throws SQLException {
        String columns = String.join(", ", d.columns().stream().map(columnName).map(PostgresNames::quote).toList());
        List<List<Object>> rows = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT " + columns + " FROM " + table + " WHERE " + where)) {
            while (rs.next()) {
                List<Object> row = new ArrayList<>();
                for (int i = 0; i < d.columns().size(); i++) {
                    row.add(read(rs, i + 1, d.columns().get(i)));
                }
                rows.add(row);
            }
        }
        return rows;
    }

    /** The key values of a row, in the order of the dataset's key columns. */
    public static List<Object> key(IngestedDataset d, List<Object> row) {
        List<Object> key = new ArrayList<>();
        for (int i = 0; i < d.columns().size(); i++) {
            if (d.columns().get(i).primaryKey()) {
                key.add(row.get(i));
            }
        }
        return key;
    }

    /** A row as a producer wrote it, in the form {@link #read} gives. */
    public static List<Object> normalize(IngestedDataset d, List<Object> row) {
        List<Object> out = new ArrayList<>();
        for (int i = 0; i < row.size(); i++) {
            out.add(normalize(row.get(i), d.columns().get(i)));
        }
        return out;
    }

    /** A value as a producer wrote it, in the form {@link #read} gives. */
    public static Object normalize(Object value, MappedColumn c) {
        if (value == null) {
            return null;
        }
        DataType type = c.column().type();
        if (type instanceof DataType.IntegerType) {
            return ((Number) value).longValue();
        }
        if (type instanceof DataType.DecimalType) {
            return ((BigDecimal) value).stripTrailingZeros();
        }
        if (type instanceof DataType.TimestampType t && t.withTimeZone()) {
            return ((OffsetDateTime) value).toInstant();
        }
        if (type instanceof DataType.CharType) {
            return ((String) value).stripTrailing();
        }
        if (type instanceof DataType.BinaryType) {
            return HexFormat.of().formatHex((byte[]) value);
        }
        if (type instanceof DataType.JsonType) {
            try {
                return JSON.readTree(value.toString());
            } catch (JsonProcessingException e) {
                throw new IllegalArgumentException("column " + c.name() + " holds JSON that does not parse: " + e.getOriginalMessage(), e);
            }
        }
        return value;
    }

    private static Object read(ResultSet rs, int i, MappedColumn c) throws SQLException {
        DataType type = c.column().type();
        Object value;
        if (type instanceof DataType.DateType) {
            value = rs.getObject(i, LocalDate.class);
        } else if (type instanceof DataType.TimestampType t) {
            value = t.withTimeZone() ? rs.getObject(i, OffsetDateTime.class) : rs.getObject(i, LocalDateTime.class);
        } else if (type instanceof DataType.BinaryType) {
            value = rs.getBytes(i);
        } else if (type instanceof DataType.JsonType || type instanceof DataType.CharType || type instanceof DataType.VarcharType
                || type instanceof DataType.TextType) {
            value = rs.getString(i);
        } else {
            value = rs.getObject(i);
        }
        return normalize(value, c);
    }
}
