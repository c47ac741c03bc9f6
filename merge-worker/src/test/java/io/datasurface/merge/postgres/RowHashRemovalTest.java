package io.datasurface.merge.postgres;

import static io.datasurface.merge.postgres.MergeFixture.CUSTOMERS;
import static org.assertj.core.api.Assertions.assertThat;

import io.datasurface.merge.TestModel;
import org.junit.jupiter.api.Test;

/** Merge tables made while a batch detected changes by a stored row hash lose the column and merge on. */
class RowHashRemovalTest {

    @Test
    void aMergeTableWithTheOldRowHashLosesItAndItsRowsMergeAsBefore() throws Exception {
        MergeFixture f = new MergeFixture(TestModel.standard());
        f.customer("c", 1, "Ann", null, "1.00");
        f.merge(CUSTOMERS);
        // The column as the merge-worker made it before: required, and filled for every row.
        f.execute("ALTER TABLE " + f.mergeTable("customers") + " ADD COLUMN ds_all_hash uuid NOT NULL DEFAULT gen_random_uuid()");
        f.execute("ALTER TABLE " + f.mergeTable("customers") + " ALTER COLUMN ds_all_hash DROP DEFAULT");

        Reconciler.Report report = f.reconcile();
        f.customer("u", 1, "Ann", "ann@example.com", "1.00");
        f.customer("c", 2, "Bob", null, "2.00");
        MergeEngine.Merged batch = f.merge(CUSTOMERS);

        assertThat(report.actions()).contains("dropped column " + f.schema + ".shop_db_customers_merge.ds_all_hash: a batch compares the rows' values themselves");
        assertThat(batch).extracting("inserted", "updated", "unchanged").containsExactly(1L, 1L, 0L);
        assertThat(f.rows("customers")).containsExactly("1|Ann|ann@example.com|1.00", "2|Bob|NULL|2.00");
        assertThat(f.reconcile().actions()).as("a second reconcile has nothing to do").isEmpty();
    }
}
