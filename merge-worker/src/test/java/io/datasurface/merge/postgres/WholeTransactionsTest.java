package io.datasurface.merge.postgres;

import static io.datasurface.merge.postgres.MergeFixture.CUSTOMERS;
import static io.datasurface.merge.postgres.MergeFixture.LEDGER;
import static org.assertj.core.api.Assertions.assertThat;

import io.datasurface.merge.TestModel;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * A batch consumes only source transactions whose changes have all reached staging, in commit
 * order; the ledger stream (accounts and entries, one multi-dataset store) shows it across tables,
 * the customers stream (single-dataset) within one table. END records are written as the rendered
 * transaction sink writes Debezium's.
 */
class WholeTransactionsTest {
    private static final Duration WAIT = Duration.ofMinutes(5);

    /** A new entry of source transaction {@code transaction}, booked when {@link MergeFixture#entry} books. */
    private static void entry(MergeFixture f, String transaction, long id, String account, String amount, String memo) {
        f.stageInTransaction(transaction, "entries", "c", id, account, new BigDecimal(amount), Timestamp.from(Instant.parse("2026-01-02T03:04:05Z")), memo);
    }

    @Test
    void transactionMissingAChangeStaysInStagingWithEveryLaterTransaction() {
        MergeFixture f = new MergeFixture(TestModel.standard());
        f.stageInTransaction("t1", "accounts", "c", "A1", "Ann");
        entry(f, "t1", 1L, "A1", "10.00", null);
        f.transactionRecord(LEDGER, "END", "t1", "public.accounts", 1, "public.entries", 1);
        // t2 opened account A2 with its first entry; the entry has not reached staging yet.
        f.stageInTransaction("t2", "accounts", "c", "A2", "Bob");
        f.transactionRecord(LEDGER, "END", "t2", "public.accounts", 1, "public.entries", 1);
        // t3 committed after t2 and is complete, but consuming it first would reorder the source's history.
        f.stageInTransaction("t3", "accounts", "u", "A1", "Ann Smith");
        f.transactionRecord(LEDGER, "END", "t3", "public.accounts", 1);

        MergeEngine.Merged first = f.merge(LEDGER, WAIT);

        assertThat(first.heldTransactions()).isEqualTo(2);
        assertThat(f.rows("accounts")).containsExactly("A1|Ann|live");
        assertThat(f.rows("entries")).containsExactly("1|A1|10.00|2026-01-02 03:04:05+00|NULL|live");
        assertThat(f.count("SELECT count(*) FROM " + f.stagingTable("accounts"))).isEqualTo(2);
    }

    @Test
    void archivedRowsAreExactlyTheConsumedOnesWithTheirBatchAndHeldRowsStayInStaging() {
        MergeFixture f = new MergeFixture(TestModel.standard().withArchivedStagingRows());
        f.stageInTransaction("t1", "accounts", "c", "A1", "Ann");
        entry(f, "t1", 1L, "A1", "10.00", null);
        f.transactionRecord(LEDGER, "END", "t1", "public.accounts", 1, "public.entries", 1);
        f.stageInTransaction("t2", "accounts", "c", "A2", "Bob");
        f.transactionRecord(LEDGER, "END", "t2", "public.accounts", 1, "public.entries", 1);

        String archived = "SELECT owner || ' ' || ds_batch_id FROM " + f.sql.table(f.dataset("accounts").stagingArchiveTable()) + " ORDER BY ds_seq";

        MergeEngine.Merged first = f.merge(LEDGER, WAIT);

        assertThat(f.strings(archived)).containsExactly("Ann " + first.batchId());
        assertThat(f.strings("SELECT owner FROM " + f.stagingTable("accounts"))).containsExactly("Bob");

        entry(f, "t2", 2L, "A2", "20.00", "rent");
        MergeEngine.Merged second = f.merge(LEDGER, WAIT);

        assertThat(f.strings(archived)).containsExactly("Ann " + first.batchId(), "Bob " + second.batchId());
        assertThat(f.count("SELECT count(*) FROM " + f.stagingTable("accounts"))).isZero();
    }

    @Test
    void heldTransactionsAreConsumedInOneBatchOnceTheirLastChangeArrives() {
        MergeFixture f = new MergeFixture(TestModel.standard());
        f.stageInTransaction("t2", "accounts", "c", "A2", "Bob");
        f.transactionRecord(LEDGER, "END", "t2", "public.accounts", 1, "public.entries", 1);
        f.stageInTransaction("t3", "accounts", "u", "A2", "Bob Jones");
        f.transactionRecord(LEDGER, "END", "t3", "public.accounts", 1);
        f.merge(LEDGER, WAIT);
        assertThat(f.rows("accounts")).isEmpty();

        entry(f, "t2", 2L, "A2", "20.00", "rent");
        MergeEngine.Merged second = f.merge(LEDGER, WAIT);

        assertThat(second.heldTransactions()).isZero();
        assertThat(second.released()).isEmpty();
        assertThat(f.rows("accounts")).as("a batch keeps the last version of a key").containsExactly("A2|Bob Jones|live");
        assertThat(f.rows("entries")).containsExactly("2|A2|20.00|2026-01-02 03:04:05+00|rent|live");
    }

    @Test
    void changesWhoseEndRecordHasNotArrivedWaitForIt() {
        MergeFixture f = new MergeFixture(TestModel.standard());
        f.stageInTransaction("t1", "accounts", "c", "A1", "Ann");
        entry(f, "t1", 1L, "A1", "10.00", null);

        assertThat(f.merge(LEDGER, WAIT).stagingRows()).isZero();
        f.transactionRecord(LEDGER, "BEGIN", "t1");
        assertThat(f.merge(LEDGER, WAIT).stagingRows()).as("a BEGIN record counts nothing").isZero();
        f.transactionRecord(LEDGER, "END", "t1", "public.accounts", 1, "public.entries", 1);

        assertThat(f.merge(LEDGER, WAIT).stagingRows()).isEqualTo(2);
        assertThat(f.rows("accounts")).containsExactly("A1|Ann|live");
    }

    @Test
    void incompleteTransactionIsReleasedOnceItHasWaitedItsLimit() {
        MergeFixture f = new MergeFixture(TestModel.standard());
        f.stageInTransaction("t1", "accounts", "c", "A1", "Ann");
        f.transactionRecord(LEDGER, "END", "t1", "public.accounts", 1, "public.entries", 1);
        f.stageInTransaction("t2", "accounts", "u", "A1", "Ann Smith");

        MergeEngine.Merged released = f.merge(LEDGER, Duration.ZERO);

        assertThat(released.released()).containsExactlyInAnyOrder("t1 (entries 0 of 1)", "t2 (no END record arrived)");
        assertThat(released.heldTransactions()).isZero();
        assertThat(f.rows("accounts")).containsExactly("A1|Ann Smith|live");
        assertThat(f.strings("SELECT released_transactions || ' ' || held_transactions FROM " + f.metrics() + " ORDER BY batch_id"))
                .containsExactly("2 0");
    }

    @Test
    void lateChangeOfAReleasedTransactionIsConsumedWithoutWaitingAgain() {
        MergeFixture f = new MergeFixture(TestModel.standard());
        f.stageInTransaction("t1", "accounts", "c", "A1", "Ann");
        f.transactionRecord(LEDGER, "END", "t1", "public.accounts", 1, "public.entries", 1);
        f.merge(LEDGER, Duration.ZERO);

        entry(f, "t1", 1L, "A1", "10.00", null);
        MergeEngine.Merged late = f.merge(LEDGER, WAIT);

        assertThat(late.stagingRows()).isEqualTo(1);
        assertThat(late.released()).isEmpty();
        assertThat(f.rows("entries")).containsExactly("1|A1|10.00|2026-01-02 03:04:05+00|NULL|live");
    }

    @Test
    void singleDatasetStreamNeverSplitsATransactionsChangesToItsTable() {
        MergeFixture f = new MergeFixture(TestModel.standard());
        f.stageInTransaction("t1", "customers", "c", 1L, "Ann", "ann@example.com", new BigDecimal("1.00"));
        f.transactionRecord(CUSTOMERS, "END", "t1", "public.customers", 2, "public.accounts", 5);

        assertThat(f.merge(CUSTOMERS, WAIT).stagingRows()).isZero();
        f.stageInTransaction("t1", "customers", "c", 2L, "Bob", "bob@example.com", new BigDecimal("2.00"));

        assertThat(f.merge(CUSTOMERS, WAIT).stagingRows()).as("the accounts changes are another stream's").isEqualTo(2);
        assertThat(f.count("SELECT count(*) FROM " + f.mergeTable("customers"))).isEqualTo(2);
    }

    @Test
    void changesWithoutTransactionMetadataAreConsumedUpToTheFirstHeldOne() {
        MergeFixture f = new MergeFixture(TestModel.standard());
        f.account("r", "A0", "Snapshot");
        f.stageInTransaction("t1", "accounts", "c", "A1", "Ann");
        f.transactionRecord(LEDGER, "END", "t1", "public.accounts", 1, "public.entries", 1);

        MergeEngine.Merged merged = f.merge(LEDGER, WAIT);

        assertThat(merged.stagingRows()).isEqualTo(1);
        assertThat(f.rows("accounts")).containsExactly("A0|Snapshot|live");
    }

    @Test
    void transactionsOfOtherTablesDoNotHoldTheStream() {
        MergeFixture f = new MergeFixture(TestModel.standard());
        f.transactionRecord(LEDGER, "END", "t0", "public.audit", 3);
        f.stageInTransaction("t1", "accounts", "c", "A1", "Ann");
        f.transactionRecord(LEDGER, "END", "t1", "public.accounts", 1);

        assertThat(f.merge(LEDGER, WAIT).stagingRows()).isEqualTo(1);
        assertThat(f.strings("SELECT transaction_watermark FROM " + f.sql.table("ds_batches") + " WHERE stream = 'ledger_db'"))
                .as("the watermark passed both records").containsExactly(f.strings("SELECT max(ds_seq) FROM " + f.sql.table("ds_transactions")).get(0));
    }
}
