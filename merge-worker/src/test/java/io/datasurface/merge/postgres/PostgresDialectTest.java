package io.datasurface.merge.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import io.datasurface.kpsg.IngestedDataset;
import io.datasurface.kpsg.MappedColumn;
import io.datasurface.merge.TestModel;
import io.datasurface.model.Column;
import io.datasurface.model.DataType;
import java.util.ArrayList;
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
    void rowHashIsMd5OfTheJsonbObjectOfNonNullNonKeyValuesInTheirWidestForm() {
        assertThat(PostgresDialect.rowHash(customers)).isEqualTo(
                "md5(jsonb_strip_nulls(jsonb_build_object('name', \"name\", 'email', \"email\", 'balance', trim_scale(\"balance\")))::text)::uuid");
    }

    @Test
    void rowHashOfMoreThanFiftyColumnsJoinsObjectsOfFiftyPairs() {
        List<MappedColumn> columns = new ArrayList<>();
        columns.add(new MappedColumn(Column.of("id", DataType.parse("bigint"), false, true), "id", "bigint"));
        for (int i = 0; i < 150; i++) {
            columns.add(new MappedColumn(Column.of("c" + i, DataType.parse("int"), true, false), "c" + i, "integer"));
        }
        IngestedDataset wide = new IngestedDataset(customers.datastore(), customers.dataset(), customers.topic(), "w_staging", "w_merge", columns);

        String hash = PostgresDialect.rowHash(wide);

        assertThat(hash).startsWith("md5(jsonb_strip_nulls(jsonb_build_object('c0', \"c0\", ")
                .contains("'c49', \"c49\") || jsonb_build_object('c50', \"c50\", ").contains("'c99', \"c99\") || jsonb_build_object('c100', ")
                .endsWith("'c149', \"c149\"))::text)::uuid");
    }

    @Test
    void liveUpsertRewritesOnlyRowsWhoseHashChanged() {
        assertThat(sql.liveUpsert(customers, 0)).isEqualTo("WITH u AS (INSERT INTO \"prod\".\"shop_db_customers_merge\" AS "
                + "\"shop_db_customers_merge\" (\"id\", \"name\", \"email\", \"balance\", \"ds_all_hash\", \"ds_batch_id\") SELECT \"id\", "
                + "\"name\", \"email\", \"balance\", \"ds_all_hash\", ? FROM \"ds_latest_0\" WHERE \"ds_op\" <> 'd' ON CONFLICT (\"id\") DO "
                + "UPDATE SET \"name\" = EXCLUDED.\"name\", \"email\" = EXCLUDED.\"email\", \"balance\" = EXCLUDED.\"balance\", "
                + "\"ds_all_hash\" = EXCLUDED.\"ds_all_hash\", \"ds_batch_id\" = EXCLUDED.\"ds_batch_id\" WHERE "
                + "\"shop_db_customers_merge\".\"ds_all_hash\" <> EXCLUDED.\"ds_all_hash\" RETURNING (xmax = 0) AS inserted) "
                + "SELECT count(*) FILTER (WHERE inserted), count(*) FILTER (WHERE NOT inserted) FROM u");
    }

    @Test
    void consumeDeletesExactlyTheRowsItKeepsTheLastOperationOf() {
        String consume = sql.consume(customers, 0, false);

        assertThat(consume).startsWith("WITH c AS (DELETE FROM \"prod\".\"shop_db_customers_staging\" RETURNING \"id\", \"name\", "
                + "\"email\", \"balance\", \"ds_seq\", \"ds_op\", \"ds_source_ts\", \"ds_tx_id\", \"ds_ingested_at\"), b AS (INSERT INTO \"ds_bad_0\"")
                .endsWith(" INSERT INTO \"ds_latest_0\" SELECT \"id\", \"name\", \"email\", \"balance\", \"ds_op\", \"ds_seq\", ds_rows, "
                        + "ds_first_seq, CASE WHEN \"ds_op\" <> 'd' THEN md5(jsonb_strip_nulls(jsonb_build_object('name', \"name\", 'email', \"email\", 'balance', trim_scale(\"balance\")))::text)::uuid "
                        + "END FROM (SELECT DISTINCT ON (\"id\") \"id\", \"name\", \"email\", \"balance\", \"ds_op\", \"ds_seq\", "
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
