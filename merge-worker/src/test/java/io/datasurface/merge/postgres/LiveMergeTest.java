package io.datasurface.merge.postgres;

import static io.datasurface.merge.postgres.MergeFixture.CUSTOMERS;
import static org.assertj.core.api.Assertions.assertThat;

import io.datasurface.merge.TestModel;
import org.junit.jupiter.api.Test;

class LiveMergeTest {

    @Test
    void liveScenarioGivesTheExpectedTableAfterEveryBatch() {
        MergeFixture f = new MergeFixture(TestModel.standard());

        f.customer("r", 1, "Ann", "ann@example.com", "10.00");
        f.customer("c", 2, "Bob", null, "20.00");
        f.customer("c", 3, "Cid", "cid@example.com", "30.00");
        MergeEngine.Merged b1 = f.merge(CUSTOMERS);
        assertThat(f.rows("customers")).containsExactly(
                "1|Ann|ann@example.com|10.00", "2|Bob|NULL|20.00", "3|Cid|cid@example.com|30.00");
        assertThat(b1).extracting("stagingRows", "inserted", "updated", "deleted", "unchanged").containsExactly(3L, 3L, 0L, 0L, 0L);

        f.customer("u", 1, "Ann", "ann@new.example.com", "11.00");
        f.customer("u", 2, "Bob", null, "20.00");
        f.customer("d", 3, null, null, null);
        MergeEngine.Merged b2 = f.merge(CUSTOMERS);
        assertThat(f.rows("customers")).containsExactly("1|Ann|ann@new.example.com|11.00", "2|Bob|NULL|20.00");
        assertThat(b2).extracting("stagingRows", "inserted", "updated", "deleted", "unchanged").containsExactly(3L, 0L, 1L, 1L, 1L);
        assertThat(f.count("SELECT ds_batch_id FROM " + f.mergeTable("customers") + " WHERE id = 2"))
                .as("an unchanged row is not rewritten").isEqualTo(b1.batchId());

        f.customer("c", 3, "Cid", "cid@again.example.com", "33.00");
        MergeEngine.Merged b3 = f.merge(CUSTOMERS);
        assertThat(f.rows("customers")).containsExactly(
                "1|Ann|ann@new.example.com|11.00", "2|Bob|NULL|20.00", "3|Cid|cid@again.example.com|33.00");
        assertThat(b3.inserted()).isEqualTo(1);

        MergeEngine.Merged b4 = f.merge(CUSTOMERS);
        assertThat(f.rows("customers")).containsExactly(
                "1|Ann|ann@new.example.com|11.00", "2|Bob|NULL|20.00", "3|Cid|cid@again.example.com|33.00");
        assertThat(b4).extracting("stagingRows", "inserted", "updated", "deleted", "unchanged").containsExactly(0L, 0L, 0L, 0L, 0L);

        f.customer("c", 4, "Dee", null, "1.00");
        f.customer("u", 4, "Dee", "dee@example.com", "2.00");
        f.customer("d", 4, null, null, null);
        f.customer("c", 4, "Dee", "dee@final.example.com", "4.00");
        f.customer("u", 1, "Ann", "ann@x.example.com", "12.00");
        f.customer("d", 1, null, null, null);
        MergeEngine.Merged b5 = f.merge(CUSTOMERS);
        assertThat(f.rows("customers")).containsExactly(
                "2|Bob|NULL|20.00", "3|Cid|cid@again.example.com|33.00", "4|Dee|dee@final.example.com|4.00");
        assertThat(b5).extracting("stagingRows", "inserted", "updated", "deleted").containsExactly(6L, 1L, 0L, 1L);

        f.customer("u", 9, "Ivy", null, "9.00");
        f.customer("d", 8, null, null, null);
        MergeEngine.Merged b6 = f.merge(CUSTOMERS);
        assertThat(f.rows("customers")).containsExactly(
                "2|Bob|NULL|20.00", "3|Cid|cid@again.example.com|33.00", "4|Dee|dee@final.example.com|4.00", "9|Ivy|NULL|9.00");
        assertThat(b6).extracting("stagingRows", "inserted", "updated", "deleted").containsExactly(2L, 1L, 0L, 0L);
        assertThat(f.count("SELECT count(*) FROM " + f.stagingTable("customers"))).as("consumed rows leave staging").isZero();
    }

    @Test
    void keysReSentWithTheirValuesAreCountedUnchangedOnceEachAndDeletesOfAbsentKeysAreNot() {
        MergeFixture f = new MergeFixture(TestModel.standard());
        f.customer("c", 1, "Ann", "ann@example.com", "10.00");
        f.customer("c", 2, "Bob", null, "20.00");
        f.customer("c", 3, "Cid", "cid@example.com", "30.00");
        f.merge(CUSTOMERS);

        f.customer("u", 1, "Ann", "ann@example.com", "10.00");
        f.customer("u", 2, "Bob", null, "20.00");
        f.customer("r", 2, "Bob", null, "20.00");
        f.customer("u", 3, "Cid", "cid@new.example.com", "30.00");
        f.customer("d", 8, null, null, null);
        f.customer("c", 4, "Dee", null, "4.00");
        f.customer("d", 4, null, null, null);
        MergeEngine.Merged b = f.merge(CUSTOMERS);

        assertThat(b).extracting("stagingRows", "inserted", "updated", "deleted", "unchanged").containsExactly(7L, 0L, 1L, 0L, 2L);
    }

    @Test
    void keysAfterTheLastKeyAreAppendedAndEveryOtherKeyMergedOnce() {
        MergeFixture f = new MergeFixture(TestModel.standard());
        f.customer("c", 1, "Ann", null, "1.00");
        f.customer("c", 5, "Eve", null, "5.00");
        MergeEngine.Merged first = f.merge(CUSTOMERS);

        f.customer("d", 5, null, null, null);
        f.customer("c", 3, "Cid", null, "3.00");
        f.customer("u", 1, "Ann", null, "1.50");
        f.customer("c", 7, "Gus", null, "7.00");
        f.customer("c", 6, "Fay", null, "6.00");
        f.customer("d", 6, null, null, null);
        f.customer("d", 9, null, null, null);
        MergeEngine.Merged second = f.merge(CUSTOMERS);

        assertThat(first).extracting("inserted", "updated", "deleted", "unchanged").as("a first snapshot is appended whole").containsExactly(2L, 0L, 0L, 0L);
        assertThat(second).extracting("inserted", "updated", "deleted", "unchanged").containsExactly(2L, 1L, 1L, 0L);
        assertThat(f.rows("customers")).as("the last key deleted and a key inserted before it, keys after it appended, deletes of absent keys ignored")
                .containsExactly("1|Ann|NULL|1.50", "3|Cid|NULL|3.00", "7|Gus|NULL|7.00");
    }

    @Test
    void aNewKeyCreatedTwiceIsAppendedOnceWithItsLastValues() {
        MergeFixture f = new MergeFixture(TestModel.standard());
        f.customer("c", 1, "Ann", null, "1.00");
        f.merge(CUSTOMERS);

        f.customer("c", 5, "Eve", null, "5.00");
        f.customer("c", 6, "Fay", null, "6.00");
        f.customer("c", 5, "Eve", "eve@example.com", "5.50");
        MergeEngine.Merged b = f.merge(CUSTOMERS);

        assertThat(f.rows("customers")).as("the create delivered twice is applied once, the later one")
                .containsExactly("1|Ann|NULL|1.00", "5|Eve|eve@example.com|5.50", "6|Fay|NULL|6.00");
        assertThat(b).extracting("inserted", "updated", "deleted", "unchanged").containsExactly(2L, 0L, 0L, 0L);
    }

    @Test
    void theLastKeyUpdatedThenDeletedStaysDeletedWhileNewKeysAreAppended() {
        MergeFixture f = new MergeFixture(TestModel.standard());
        f.customer("c", 1, "Ann", null, "1.00");
        f.customer("c", 2, "Bob", null, "2.00");
        f.customer("c", 3, "Cid", null, "3.00");
        f.merge(CUSTOMERS);

        f.customer("u", 3, "Cid", "cid@example.com", "3.50");
        f.customer("d", 3, null, null, null);
        f.customer("c", 4, "Dan", null, "4.00");
        MergeEngine.Merged b = f.merge(CUSTOMERS);

        assertThat(f.rows("customers")).as("the deleted last key's earlier update is not appended after the new last key")
                .containsExactly("1|Ann|NULL|1.00", "2|Bob|NULL|2.00", "4|Dan|NULL|4.00");
        assertThat(b).extracting("inserted", "updated", "deleted").containsExactly(1L, 0L, 1L);
    }

    @Test
    void batchIsRecordedInTheMetricsTable() {
        MergeFixture f = new MergeFixture(TestModel.standard());
        f.customer("c", 1, "Ann", null, "1.00");
        f.customer("c", 2, "Bob", null, "2.00");

        MergeEngine.Merged b = f.merge(CUSTOMERS);

        assertThat(f.strings("SELECT stream || ' ' || status || ' ' || staging_rows || ' ' || inserted || ' ' || consumed_min_seq || '-' "
                + "|| consumed_max_seq || ' ' || (duration_ms >= 0) FROM " + f.metrics() + " WHERE batch_id = " + b.batchId()))
                .containsExactly("shop_db.customers succeeded 2 2 1-2 true");
        assertThat(f.strings("SELECT last_status || ' ' || last_batch_id || ' ' || consecutive_failures FROM "
                + f.sql.table("ds_batches"))).containsExactly("succeeded " + b.batchId() + " 0");
    }

    @Test
    void archivedStagingRowsKeepTheConsumingBatch() {
        MergeFixture f = new MergeFixture(TestModel.standard().withArchivedStagingRows());
        f.customer("c", 1, "Ann", null, "1.00");
        f.customer("d", 1, null, null, null);

        MergeEngine.Merged b = f.merge(CUSTOMERS);

        assertThat(f.rows("customers")).isEmpty();
        assertThat(f.strings("SELECT ds_op || ' ' || ds_batch_id FROM " + f.sql.table(f.dataset("customers").stagingArchiveTable())
                + " ORDER BY ds_seq")).containsExactly("c " + b.batchId(), "d " + b.batchId());
    }
}
