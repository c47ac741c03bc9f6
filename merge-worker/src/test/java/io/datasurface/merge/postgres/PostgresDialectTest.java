package io.datasurface.merge.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import io.datasurface.kpsg.IngestedDataset;
import io.datasurface.kpsg.MappedColumn;
import io.datasurface.merge.TestModel;
import io.datasurface.model.Column;
import io.datasurface.model.DataType;
import java.util.List;
import org.junit.jupiter.api.Test;

class PostgresDialectTest {
    private final PostgresDialect sql = new PostgresDialect("prod");
    private final IngestedDataset customers = TestModel.standard().graph("prod").stream("shop_db.customers").orElseThrow().datasets().get(0);

    @Test
    void modelTypesAreComparedAsFormatTypePrintsThem() {
        assertThat(List.of("varchar(10)", "char(3)", "timestamptz", "timestamp(3)", "timestamptz(0)", "numeric(12,2)", "bigint"))
                .map(PostgresDialect::canonicalType).containsExactly("character varying(10)", "character(3)", "timestamp with time zone",
                        "timestamp(3) without time zone", "timestamp(0) with time zone", "numeric(12,2)", "bigint");
    }

    @Test
    void aChangeIsTheRowValueOfTheNonKeyColumnsDistinctFromTheStoredOne() {
        assertThat(PostgresDialect.changed(customers, "m", "l")).isEqualTo(
                "ROW(m.\"name\", m.\"email\", m.\"balance\") IS DISTINCT FROM ROW(l.\"name\", l.\"email\", l.\"balance\")");
    }

    @Test
    void floatsAndJsonbAreComparedAsTextAndAKeyOnlyRowNeverChanges() {
        MappedColumn id = new MappedColumn(Column.of("id", DataType.parse("bigint"), false, true), "id", "bigint");
        List<MappedColumn> columns = List.of(id, new MappedColumn(Column.of("f", DataType.parse("double"), true, false), "f", "double precision"),
                new MappedColumn(Column.of("j", DataType.parse("json"), true, false), "j", "jsonb"),
                new MappedColumn(Column.of("n", DataType.parse("int"), true, false), "n", "integer"));
        IngestedDataset mixed = new IngestedDataset(customers.datastore(), customers.dataset(), customers.topic(), "w_staging", "w_merge", columns);
        IngestedDataset keyOnly = new IngestedDataset(customers.datastore(), customers.dataset(), customers.topic(), "k_staging", "k_merge", List.of(id));

        assertThat(PostgresDialect.changed(mixed, "m", "l"))
                .isEqualTo("ROW(m.\"f\"::text, m.\"j\"::text, m.\"n\") IS DISTINCT FROM ROW(l.\"f\"::text, l.\"j\"::text, l.\"n\")");
        assertThat(PostgresDialect.changed(keyOnly, "m", "l")).isEqualTo("false");
    }

    @Test
    void liveMergeDeletesRewritesOnlyChangedRowsAndInsertsNewKeysInOnePass() {
        assertThat(sql.liveMerge(customers, 0)).isEqualTo("MERGE INTO \"prod\".\"shop_db_customers_merge\" m USING \"ds_latest_0\" l ON "
                + "m.\"id\" = l.\"id\" WHEN MATCHED AND l.\"ds_op\" = 'd' THEN DELETE WHEN MATCHED AND l.\"ds_op\" <> 'd' AND "
                + "ROW(m.\"name\", m.\"email\", m.\"balance\") IS DISTINCT FROM ROW(l.\"name\", l.\"email\", l.\"balance\") THEN UPDATE SET "
                + "\"name\" = l.\"name\", \"email\" = l.\"email\", \"balance\" = l.\"balance\", \"ds_batch_id\" = ? WHEN NOT MATCHED AND "
                + "l.\"ds_op\" <> 'd' THEN INSERT (\"id\", \"name\", \"email\", \"balance\", \"ds_batch_id\") VALUES (l.\"id\", l.\"name\", "
                + "l.\"email\", l.\"balance\", ?)");
    }

    @Test
    void consumeDeletesExactlyTheRowsItKeepsTheLastOperationOf() {
        String consume = sql.consume(customers, 0, false);

        assertThat(consume).startsWith("WITH c AS (DELETE FROM \"prod\".\"shop_db_customers_staging\" RETURNING \"id\", \"name\", "
                + "\"email\", \"balance\", \"ds_seq\", \"ds_op\", \"ds_source_ts\", \"ds_tx_id\", \"ds_ingested_at\"), b AS (INSERT INTO \"ds_bad_0\"")
                .endsWith(" INSERT INTO \"ds_latest_0\" SELECT \"id\", \"name\", \"email\", \"balance\", \"ds_op\", \"ds_seq\", ds_rows, "
                        + "ds_first_seq FROM (SELECT DISTINCT ON (\"id\") \"id\", \"name\", \"email\", \"balance\", \"ds_op\", \"ds_seq\", "
                        + "count(*) OVER w AS ds_rows, min(\"ds_seq\") OVER w AS ds_first_seq FROM c WINDOW w AS (PARTITION BY \"id\" "
                        + "ORDER BY \"ds_seq\" DESC ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) ORDER BY \"id\", \"ds_seq\" DESC) l")
                .doesNotContain("_archive");
        assertThat(sql.consume(customers, 0, true)).contains(", a AS (INSERT INTO \"prod\".\"shop_db_customers_staging_archive\" (");
    }

    @Test
    void lockedStagingIsReadWithoutDeletingAndLockedBeforeTruncation() {
        assertThat(sql.lockStaging(TestModel.standard().graph("prod").stream("ledger_db").orElseThrow().datasets()))
                .isEqualTo("LOCK TABLE \"prod\".\"ledger_db_accounts_staging\", \"prod\".\"ledger_db_entries_staging\" IN SHARE ROW EXCLUSIVE MODE");
        assertThat(List.of(sql.archiveStaging(customers), sql.noteBadRows(customers, 0), sql.keepLatest(customers, 0)))
                .allSatisfy(statement -> assertThat(statement).contains(" FROM \"prod\".\"shop_db_customers_staging\"").doesNotContain("DELETE"));
        assertThat(sql.truncate(List.of("a_staging", "b_staging"))).isEqualTo("TRUNCATE \"prod\".\"a_staging\", \"prod\".\"b_staging\"");
    }

    @Test
    void archiveSchemaAndTableNamesStayWithinSixtyThreeBytes() {
        PostgresDialect longSchema = new PostgresDialect("p".repeat(60));
        assertThat(longSchema.archiveSchema()).hasSizeLessThanOrEqualTo(63).endsWith("_archive");
        assertThat(customers.stagingArchiveTable()).isEqualTo("shop_db_customers_staging_archive");
    }
}
