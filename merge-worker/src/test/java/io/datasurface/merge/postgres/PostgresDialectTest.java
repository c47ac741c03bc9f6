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
    void liveMergeDeletesRewritesOnlyChangedRowsCountsTheUnchangedAndInsertsMissingKeysUpToTheTablesLastKeyStraightFromStaging() {
        assertThat(sql.liveMerge(customers, false)).isEqualTo("MERGE INTO \"prod\".\"shop_db_customers_merge\" m USING (SELECT DISTINCT ON "
                + "(\"id\") \"id\", \"name\", \"email\", \"balance\", \"ds_op\" FROM \"prod\".\"shop_db_customers_staging\" WHERE (\"id\") <= "
                + "(SELECT \"id\" FROM \"prod\".\"shop_db_customers_merge\" ORDER BY \"id\" DESC LIMIT 1) ORDER BY \"id\", \"ds_seq\" DESC) l ON "
                + "m.\"id\" = l.\"id\" WHEN MATCHED AND l.\"ds_op\" = 'd' THEN DELETE WHEN MATCHED AND l.\"ds_op\" <> 'd' AND "
                + "ROW(m.\"name\", m.\"email\", m.\"balance\") IS DISTINCT FROM ROW(l.\"name\", l.\"email\", l.\"balance\") THEN UPDATE SET "
                + "\"name\" = l.\"name\", \"email\" = l.\"email\", \"balance\" = l.\"balance\", \"ds_batch_id\" = ? WHEN MATCHED AND "
                + "nextval('pg_temp.\"ds_unchanged\"') > 0 THEN DO NOTHING WHEN NOT MATCHED AND l.\"ds_op\" <> 'd' THEN INSERT (\"id\", \"name\", "
                + "\"email\", \"balance\", \"ds_batch_id\") VALUES (l.\"id\", l.\"name\", l.\"email\", l.\"balance\", ?)");
    }

    @Test
    void liveAppendInsertsTheUpsertedKeysAfterTheTablesLastKeyWithoutAJoin() {
        assertThat(sql.liveAppend(customers, true)).isEqualTo("WITH kept AS (SELECT DISTINCT ON (\"id\") \"id\", \"name\", \"email\", "
                + "\"balance\", \"ds_op\" FROM \"prod\".\"shop_db_customers_staging\" WHERE \"ds_seq\" < ? AND ((\"id\") <= (SELECT \"id\" FROM "
                + "\"prod\".\"shop_db_customers_merge\" ORDER BY \"id\" DESC LIMIT 1)) IS NOT TRUE ORDER BY \"id\", \"ds_seq\" DESC) INSERT INTO "
                + "\"prod\".\"shop_db_customers_merge\" (\"id\", \"name\", \"email\", \"balance\", \"ds_batch_id\") SELECT l.\"id\", l.\"name\", "
                + "l.\"email\", l.\"balance\", ? FROM kept l WHERE l.\"ds_op\" <> 'd'");
    }

    @Test
    void everyStatementOfABatchReadsTheSameConsumedRowsUpToTheLimitWhenThereIsOne() {
        String limit = " FROM \"prod\".\"shop_db_customers_staging\" WHERE \"ds_seq\" < ?";
        assertThat(batchStatements(true)).allSatisfy(statement -> assertThat(statement).contains(limit));
        assertThat(batchStatements(false)).allSatisfy(statement -> assertThat(statement).doesNotContain("WHERE \"ds_seq\" < ?"));
        assertThat(sql.deleteConsumed(customers, true)).isEqualTo("DELETE" + limit);
    }

    /** Every statement of a batch that reads the consumed rows of a staging table. */
    private List<String> batchStatements(boolean limited) {
        return List.of(sql.archiveStaging(customers, limited), sql.stagingSummary(customers, limited), sql.liveMerge(customers, limited),
                sql.liveAppend(customers, limited), sql.milestonedClose(customers, limited), sql.milestonedUpserts(customers, limited),
                sql.milestonedInsert(customers, limited), sql.milestonedAppend(customers, limited), sql.appendInStagingOrder(customers, limited, false),
                sql.appendInStagingOrder(customers, limited, true), sql.deleteConsumed(customers, limited));
    }

    @Test
    void lockedStagingIsEmptiedInOneTruncateOfEveryTableInNameOrder() {
        assertThat(sql.lockStaging(TestModel.standard().graph("prod").stream("ledger_db").orElseThrow().datasets()))
                .isEqualTo("LOCK TABLE \"prod\".\"ledger_db_accounts_staging\", \"prod\".\"ledger_db_entries_staging\" IN SHARE ROW EXCLUSIVE MODE");
        assertThat(sql.truncate(List.of("a_staging", "b_staging"))).isEqualTo("TRUNCATE \"prod\".\"a_staging\", \"prod\".\"b_staging\"");
    }

    @Test
    void archiveSchemaAndTableNamesStayWithinSixtyThreeBytes() {
        PostgresDialect longSchema = new PostgresDialect("p".repeat(60));
        assertThat(longSchema.archiveSchema()).hasSizeLessThanOrEqualTo(63).endsWith("_archive");
        assertThat(customers.stagingArchiveTable()).isEqualTo("shop_db_customers_staging_archive");
    }
}
