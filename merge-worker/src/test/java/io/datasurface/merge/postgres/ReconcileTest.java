package io.datasurface.merge.postgres;

import static io.datasurface.merge.postgres.MergeFixture.CUSTOMERS;
import static org.assertj.core.api.Assertions.assertThat;

import io.datasurface.merge.TestModel;
import org.junit.jupiter.api.Test;

class ReconcileTest {

    @Test
    void reconcileCreatesEveryTableAndRegistersTheOnesOfTheStreams() throws Exception {
        MergeFixture f = new MergeFixture(TestModel.standard());

        Reconciler.Report report = f.reconcile();

        assertThat(report.problems()).isEmpty();
        assertThat(f.strings("SELECT table_name || ' ' || kind || ' ' || stream FROM " + f.sql.table("ds_table_registry") + " ORDER BY 1"))
                .containsExactly("ledger_db_accounts_merge merge ledger_db", "ledger_db_accounts_staging staging ledger_db",
                        "ledger_db_entries_merge merge ledger_db", "ledger_db_entries_staging staging ledger_db",
                        "shop_db_customers_merge merge shop_db.customers", "shop_db_customers_staging staging shop_db.customers");
        assertThat(f.strings("SELECT column_name || ' ' || data_type FROM information_schema.columns WHERE table_schema = '" + f.schema
                + "' AND table_name = 'shop_db_customers_staging' ORDER BY ordinal_position")).containsExactly(
                "id bigint", "name character varying", "email character varying", "balance numeric",
                "ds_seq bigint", "ds_op character", "ds_source_ts timestamp with time zone", "ds_tx_id text", "ds_ingested_at timestamp with time zone");
        assertThat(f.reconcile().actions()).as("a second reconcile has nothing to do").isEmpty();
    }

    @Test
    void aMergeTableWrittenAtAnotherFillfactorGetsItsModesAndKeepsItsRows() throws Exception {
        MergeFixture f = new MergeFixture(TestModel.standard());
        f.customer("c", 1, "Ann", null, "1.00");
        f.merge(CUSTOMERS);
        f.execute("ALTER TABLE " + f.mergeTable("customers") + " SET (fillfactor = 60)");

        Reconciler.Report report = f.reconcile();

        assertThat(tableActions(report)).containsExactly("set fillfactor 45 (was 60) on " + f.schema + ".shop_db_customers_merge, as on every "
                + "live-only merge table; pages already written keep theirs until their rows move");
        assertThat(f.strings("SELECT array_to_string(reloptions, ',') FROM pg_class WHERE oid = '" + f.mergeTable("customers") + "'::regclass"))
                .containsExactly("fillfactor=45");
        assertThat(f.rows("customers")).containsExactly("1|Ann|NULL|1.00");
        assertThat(f.reconcile().actions()).as("a second reconcile has nothing to do").isEmpty();
    }

    @Test
    void columnAddedToTheModelIsAddedByReconcileAndFilledByLaterBatches() throws Exception {
        MergeFixture f = new MergeFixture(TestModel.standard());
        f.customer("c", 1, "Ann", null, "1.00");
        f.merge(CUSTOMERS);

        f.model(TestModel.standard().withPhone());
        Reconciler.Report report = f.reconcile();
        f.stage(f.dataset("customers"), "c", 2L, "Bob", null, new java.math.BigDecimal("2.00"), "555-0100");
        f.merge(CUSTOMERS);

        assertThat(tableActions(report)).containsExactly(
                "added column " + f.schema + ".shop_db_customers_staging.phone varchar(20) (nullable)",
                "added column " + f.schema + ".shop_db_customers_merge.phone varchar(20) (nullable)");
        assertThat(f.rows("customers")).containsExactly("1|Ann|NULL|1.00|NULL", "2|Bob|NULL|2.00|555-0100");
    }

    @Test
    void typeChangeAndMissingPrimaryKeyAreReportedAndLeftAlone() throws Exception {
        MergeFixture f = new MergeFixture(TestModel.standard());
        f.reconcile();
        f.execute("DROP VIEW \"" + f.schema + "_ops\".shop_db_customers");
        f.execute("ALTER TABLE " + f.mergeTable("customers") + " ALTER COLUMN name TYPE text");
        f.execute("ALTER TABLE " + f.mergeTable("customers") + " DROP CONSTRAINT shop_db_customers_merge_pkey");

        Reconciler.Report report = f.reconcile();
        f.customer("c", 1, "Ann", null, "1.00");
        MergeEngine.Outcome batch = f.merge(CUSTOMERS, MergeEngine.Hook.NONE);

        assertThat(report.problems()).extracting(Reconciler.TableMismatch::toString).containsExactly(
                f.schema + ".shop_db_customers_merge: column name is text but the model says varchar(50); a type change is not made "
                        + "automatically: migrate the column by hand (ALTER TABLE \"" + f.schema + "\".\"shop_db_customers_merge\" ALTER COLUMN "
                        + "\"name\" TYPE varchar(50)) or restore the model's type",
                f.schema + ".shop_db_customers_merge: the primary key index is missing; merging needs it to find rows by key: recreate it "
                        + "with ALTER TABLE \"" + f.schema + "\".\"shop_db_customers_merge\" ADD PRIMARY KEY (...) after removing duplicate "
                        + "keys, or drop the table to have it rebuilt");
        assertThat(f.strings("SELECT data_type FROM information_schema.columns WHERE table_schema = '" + f.schema
                + "' AND table_name = 'shop_db_customers_merge' AND column_name = 'name'")).containsExactly("text");
        assertThat(((MergeEngine.Failed) batch).hint()).contains("the tables do not match the model", "primary key index is missing");
    }

    /** What reconcile did to the tables; the workspace views that follow them are {@link WorkspaceViewsTest}'s business. */
    private static java.util.List<String> tableActions(Reconciler.Report report) {
        return report.actions().stream().filter(a -> !a.startsWith("made view") && !a.startsWith("dropped view")
                && !a.startsWith("made schema")).toList();
    }

    @Test
    void tablesMadeBeforeTransactionMetadataGainItsColumnsAndKeepTheirRows() throws Exception {
        MergeFixture f = new MergeFixture(TestModel.standard());
        f.customer("c", 1, "Ann", null, "1.00");
        f.execute("ALTER TABLE " + f.stagingTable("customers") + " DROP COLUMN ds_tx_id");
        f.execute("DROP TABLE " + f.sql.table("ds_transactions"));
        f.execute("ALTER TABLE " + f.sql.table("ds_batches") + " DROP COLUMN transaction_watermark");

        Reconciler.Report report = f.reconcile();

        assertThat(report.problems()).isEmpty();
        assertThat(report.actions()).contains("added column " + f.schema + ".shop_db_customers_staging.ds_tx_id: the sink carries each "
                + "change's source transaction", "created or completed the platform tables ds_batches, ds_transactions in " + f.schema);
        assertThat(f.merge(CUSTOMERS).stagingRows()).as("the row staged before the change merges as it always did").isEqualTo(1);
        assertThat(f.reconcile().actions()).isEmpty();
    }
}
