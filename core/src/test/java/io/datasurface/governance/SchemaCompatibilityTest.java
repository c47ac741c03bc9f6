package io.datasurface.governance;

import static org.assertj.core.api.Assertions.assertThat;

import io.datasurface.model.Column;
import io.datasurface.model.DataType;
import io.datasurface.model.ObjectPath;
import io.datasurface.model.Schema;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Each schema rule in both directions: the breaking change is refused, its compatible counterpart allowed. */
class SchemaCompatibilityTest {
    private static final ObjectPath DATASET = ObjectPath.of("zone", "USA").child("team", "sales").child("datastore", "customer_db")
            .child("dataset", "customers");
    private static final Schema BASE = schema(key("id", "bigint"), col("name", "varchar(100)", false), col("email", "varchar(200)", true),
            col("balance", "decimal(12,2)", false));

    @Test
    void anUnchangedSchemaIsCompatible() {
        assertThat(messages(BASE, new Schema(new ArrayList<>(BASE.columns())))).isEmpty();
        assertThat(messages(BASE, BASE)).isEmpty();
    }

    @Test
    void removedColumnIsRefused() {
        assertThat(messages(BASE, without(BASE, "email"))).containsExactly("column email: column removed: consumers read it; "
                + "keep it (make it nullable if it is no longer filled), or publish a new dataset");
    }

    @Test
    void addedNullableColumnIsAllowed() {
        assertThat(messages(BASE, with(BASE, col("phone", "varchar(30)", true)))).isEmpty();
    }

    @Test
    void addedRequiredColumnIsRefused() {
        assertThat(messages(BASE, with(BASE, col("phone", "varchar(30)", false))))
                .containsExactly("column phone: added column is required: existing rows have no value for it; add it with nullable: true");
    }

    @Test
    void nullableColumnMadeRequiredIsRefused() {
        assertThat(messages(BASE, replace(BASE, col("email", "varchar(200)", false))))
                .containsExactly("column email: nullable column made required: existing rows may hold nulls; keep it nullable");
    }

    @Test
    void requiredColumnMadeNullableIsAllowed() {
        assertThat(messages(BASE, replace(BASE, col("name", "varchar(100)", true)))).isEmpty();
    }

    @Test
    void primaryKeyChangeIsRefused() {
        assertThat(messages(BASE, replace(BASE, new Column("name", DataType.parse("varchar(100)"), false, true, java.util.Optional.empty()))))
                .singleElement().asString().startsWith("primary key changed from (id) to (id, name)");
    }

    @Test
    void addedKeyColumnIsRefusedEvenWhenNullable() {
        assertThat(messages(BASE, with(BASE, new Column("region", DataType.parse("char(2)"), true, true, java.util.Optional.empty()))))
                .singleElement().asString().startsWith("primary key changed from (id) to (id, region)");
    }

    @Test
    void unchangedPrimaryKeyIsAllowed() {
        assertThat(messages(BASE, BASE)).isEmpty();
    }

    @Test
    void widenedTypeIsAllowed() {
        assertThat(messages(BASE, replace(BASE, col("name", "varchar(200)", false)))).isEmpty();
        assertThat(messages(BASE, replace(BASE, col("name", "text", false)))).isEmpty();
        assertThat(messages(BASE, replace(BASE, col("balance", "decimal(14,4)", false)))).isEmpty();
    }

    @Test
    void narrowedTypeIsRefused() {
        assertThat(messages(BASE, replace(BASE, col("name", "varchar(50)", false)))).singleElement().asString()
                .startsWith("column name: type changed from varchar(100) to varchar(50), which does not keep every existing value");
    }

    @Test
    void keyTypeWideningIsAllowedButNarrowingIsNot() {
        Schema intKey = schema(key("id", "int"));
        assertThat(messages(intKey, schema(key("id", "bigint")))).isEmpty();
        assertThat(messages(schema(key("id", "bigint")), intKey)).hasSize(1);
    }

    @Test
    void everyIncompatibilityIsReportedInColumnOrder() {
        Schema broken = schema(key("id", "int"), col("name", "varchar(100)", false), col("balance", "decimal(12,2)", false),
                col("phone", "text", false));
        assertThat(messages(BASE, broken)).extracting(m -> m.substring(0, m.indexOf(':'))).containsExactly(
                "column id", "column email", "column phone");
    }

    private static List<String> messages(Schema from, Schema to) {
        List<String> out = new ArrayList<>();
        for (ModelChange c : SchemaCompatibility.check(DATASET, from, to)) {
            String relative = c.path().equals(DATASET) ? "" : c.path().segments().get(c.path().segments().size() - 1) + ": ";
            out.add(relative + c.description());
        }
        return out;
    }

    private static Column col(String name, String type, boolean nullable) {
        return Column.of(name, DataType.parse(type), nullable, false);
    }

    private static Column key(String name, String type) {
        return Column.of(name, DataType.parse(type), false, true);
    }

    private static Schema schema(Column... columns) {
        return new Schema(List.of(columns));
    }

    private static Schema with(Schema s, Column c) {
        List<Column> columns = new ArrayList<>(s.columns());
        columns.add(c);
        return new Schema(columns);
    }

    private static Schema without(Schema s, String name) {
        return new Schema(s.columns().stream().filter(c -> !c.name().equals(name)).toList());
    }

    private static Schema replace(Schema s, Column c) {
        return new Schema(s.columns().stream().map(old -> old.name().equals(c.name()) ? c : old).toList());
    }
}
