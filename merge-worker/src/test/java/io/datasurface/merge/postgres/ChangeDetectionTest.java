package io.datasurface.merge.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import io.datasurface.kpsg.IngestedDataset;
import io.datasurface.kpsg.MappedColumn;
import io.datasurface.kpsg.PostgresNames;
import io.datasurface.kpsg.PostgresTypes;
import io.datasurface.merge.TestModel;
import io.datasurface.model.Column;
import io.datasurface.model.DataType;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The comparison a batch uses to tell a changed row from an unchanged one, on PostgreSQL, for every
 * type the model maps: every change of a value is a change (NULL against empty or a value, -0
 * against 0, 1.0 against 1.00 in a document), and only a value the column's type holds equal
 * (the same instant written in another zone, a char padded alike, a document with its keys in
 * another order) is not.
 */
class ChangeDetectionTest {
    private static final Map<String, String> TYPES = new LinkedHashMap<>();

    static {
        TYPES.put("t", "text");
        TYPES.put("v", "varchar(10)");
        TYPES.put("ch", "char(3)");
        TYPES.put("n", "decimal(10,2)");
        TYPES.put("f", "double");
        TYPES.put("r", "float");
        TYPES.put("j", "json");
        TYPES.put("b", "binary");
        TYPES.put("ts", "timestamptz");
        TYPES.put("d", "date");
        TYPES.put("bo", "boolean");
        TYPES.put("i", "int");
    }

    /** A value as stored, the value a later change carries (null: SQL NULL), and whether that is a change. */
    private record Case(String column, String stored, String sent, boolean changed) {
    }

    @Test
    void everyChangedValueIsAChangeAndOnlyValuesTheTypeHoldsEqualAreNot() throws SQLException {
        List<Case> cases = List.of(
                new Case("t", null, "", true), new Case("t", "", null, true), new Case("t", null, "a", true), new Case("t", "a", null, true),
                new Case("t", null, null, false), new Case("t", "a", "a", false), new Case("t", "a", "A", true),
                new Case("v", "ab", "ab ", true), new Case("ch", "ab", "ab ", false), new Case("ch", "ab", "abc", true),
                new Case("n", "1.50", "1.5", false), new Case("n", "1.50", "1.51", true),
                new Case("f", "0", "-0", true), new Case("f", "0.1", "0.1", false), new Case("f", "0.1", "0.10000000000000002", true),
                new Case("f", "NaN", "NaN", false), new Case("r", "-0", "0", true), new Case("r", "1.5", "1.5", false),
                new Case("j", "{\"a\": 1.0}", "{\"a\": 1.00}", true), new Case("j", "{\"a\": 1}", "{\"a\": \"1\"}", true),
                new Case("j", "{\"a\": 1, \"b\": [2]}", "{\"b\":[2],\"a\":1}", false), new Case("j", "{}", null, true),
                new Case("b", "\\x00", "\\x0000", true), new Case("b", "\\x", null, true), new Case("b", "\\xff", "\\xff", false),
                new Case("ts", "2024-01-01 00:00:00+00", "2024-01-01 00:00:00.000001+00", true),
                new Case("ts", "2024-01-01 01:00:00+01", "2024-01-01 00:00:00+00", false),
                new Case("d", "2024-01-01", "2024-01-02", true), new Case("bo", "false", null, true), new Case("bo", "true", "true", false),
                new Case("i", "0", null, true), new Case("i", "7", "7", false));
        IngestedDataset d = dataset();
        PostgresDialect sql = new PostgresDialect("public");
        List<String> detected = new ArrayList<>();
        try (Connection c = Connector.open(MergeFixture.DB::connect, sql); Statement s = c.createStatement()) {
            String columns = d.columns().stream().map(m -> PostgresNames.quote(m.name()) + " " + m.sqlType()).collect(Collectors.joining(", "));
            s.execute("CREATE TEMPORARY TABLE m (" + columns + ")");
            s.execute("CREATE TEMPORARY TABLE l (" + columns + ")");
            for (int i = 0; i < cases.size(); i++) {
                Case k = cases.get(i);
                String type = d.columns().stream().filter(m -> m.name().equals(k.column())).findFirst().orElseThrow().sqlType();
                for (String table : List.of("m", "l")) {
                    try (PreparedStatement p = c.prepareStatement("INSERT INTO " + table + " (id, " + PostgresNames.quote(k.column())
                            + ") VALUES (?, CAST(? AS " + type + "))")) {
                        p.setLong(1, i);
                        p.setString(2, table.equals("m") ? k.stored() : k.sent());
                        p.executeUpdate();
                    }
                }
            }
            try (ResultSet rs = s.executeQuery("SELECT m.id, " + PostgresDialect.changed(d, "m", "l") + " FROM m JOIN l ON m.id = l.id ORDER BY m.id")) {
                while (rs.next()) {
                    Case k = cases.get(rs.getInt(1));
                    detected.add(k + " -> " + rs.getBoolean(2));
                }
            }
        }
        assertThat(detected).containsExactlyElementsOf(cases.stream().map(k -> k + " -> " + k.changed()).toList());
    }

    /** A dataset with a bigint key and a column of every other type the model maps to PostgreSQL. */
    private static IngestedDataset dataset() {
        IngestedDataset customers = TestModel.standard().graph("public").stream("shop_db.customers").orElseThrow().datasets().get(0);
        List<MappedColumn> columns = new ArrayList<>();
        columns.add(new MappedColumn(Column.of("id", DataType.parse("bigint"), false, true), "id", "bigint"));
        TYPES.forEach((name, type) -> {
            DataType parsed = DataType.parse(type);
            columns.add(new MappedColumn(Column.of(name, parsed, true, false), name, PostgresTypes.sqlType(parsed)));
        });
        return new IngestedDataset(customers.datastore(), customers.dataset(), customers.topic(), "x_staging", "x_merge", columns);
    }
}
