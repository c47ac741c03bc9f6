package io.datasurface.local;

import static java.util.Objects.requireNonNull;

import io.datasurface.kpsg.IngestedDataset;
import io.datasurface.kpsg.MappedColumn;
import io.datasurface.kpsg.PostgresNames;
import io.datasurface.kpsg.TableLayout;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads a dataset's staging rows back as typed values, keyed by model column name. */
final class Staging {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    /** A staging row: the Debezium op, the source commit time, and the model columns' values. */
    record Row(String op, OffsetDateTime sourceTs, Map<String, Object> values) {
        Row {
            requireNonNull(op, "op is null");
        }

        /** The op and the values in comparable form, without the commit time. */
        Row comparable() {
            return new Row(op, null, Rows.comparable(values));
        }
    }

    private Staging() {
    }

    static Row expected(String op, Map<String, Object> values) {
        return new Row(op, null, values).comparable();
    }

    /**
     * The staging rows whose {@code column} (a model column name) equals {@code value}, in arrival
     * order, once at least {@code count} arrived or the timeout passed (then fewer).
     */
    static List<Row> await(LocalPlatform platform, IngestedDataset d, String column, Object value, int count) throws Exception {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        List<Row> rows = read(platform, d, column, value);
        while (rows.size() < count && System.nanoTime() < deadline) {
            Thread.sleep(100);
            rows = read(platform, d, column, value);
        }
        return rows;
    }

    /** The rows whose {@code column} lies from {@code from} to {@code to}, once at least {@code count} arrived or the timeout passed. */
    static List<Row> awaitBetween(LocalPlatform platform, IngestedDataset d, String column, Object from, Object to, int count) throws Exception {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        List<Row> rows = read(platform, d, column, from, to);
        while (rows.size() < count && System.nanoTime() < deadline) {
            Thread.sleep(100);
            rows = read(platform, d, column, from, to);
        }
        return rows;
    }

    static List<Row> read(LocalPlatform platform, IngestedDataset d, String column, Object value) throws SQLException {
        return read(platform, d, column, value, value);
    }

    static List<Row> read(LocalPlatform platform, IngestedDataset d, String column, Object from, Object to) throws SQLException {
        List<String> columns = new ArrayList<>(List.of(PostgresNames.quote(TableLayout.OP), PostgresNames.quote(TableLayout.SOURCE_TS)));
        d.columns().forEach(c -> columns.add(PostgresNames.quote(c.name())));
        String sql = "SELECT " + String.join(", ", columns) + " FROM " + new Pipeline(platform.graph(), platform.platformDatabase()).table(d.stagingTable())
                + " WHERE " + PostgresNames.quote(Rows.column(d, column).name()) + " BETWEEN ? AND ? ORDER BY " + PostgresNames.quote(TableLayout.SEQ);
        List<Row> rows = new ArrayList<>();
        try (Connection c = platform.platformDatabase().connect(); PreparedStatement p = c.prepareStatement(sql)) {
            p.setObject(1, from);
            p.setObject(2, to);
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    Map<String, Object> values = new LinkedHashMap<>();
                    int i = 3;
                    for (MappedColumn mc : d.columns()) {
                        values.put(mc.column().name(), typed(rs, i++, mc));
                    }
                    rows.add(new Row(rs.getString(1), rs.getObject(2, OffsetDateTime.class), values));
                }
            }
        }
        return rows;
    }

    private static Object typed(ResultSet rs, int i, MappedColumn column) throws SQLException {
        Class<?> type = Rows.javaType(column.sqlType());
        if (type == Rows.Json.class) {
            String text = rs.getString(i);
            return text == null ? null : new Rows.Json(text);
        }
        if (type == byte[].class) {
            return rs.getBytes(i);
        }
        return rs.getObject(i, type);
    }
}
