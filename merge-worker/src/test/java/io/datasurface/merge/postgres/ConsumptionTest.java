package io.datasurface.merge.postgres;

import static io.datasurface.merge.postgres.MergeFixture.CUSTOMERS;
import static io.datasurface.merge.postgres.MergeFixture.LEDGER;
import static org.assertj.core.api.Assertions.assertThat;

import io.datasurface.merge.TestModel;
import java.math.BigDecimal;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Which staging rows a batch takes: all committed ones, each exactly once, whatever commits late or runs at once. */
class ConsumptionTest {

    @Test
    void stagingRowCommittedAfterABatchRanIsMergedByTheNextBatch() throws Exception {
        MergeFixture f = new MergeFixture(TestModel.standard());
        f.merge(CUSTOMERS);
        try (Connection late = MergeFixture.DB.connect()) {
            late.setAutoCommit(false);
            f.stage(late, f.dataset("customers"), "c", 1L, "Late", null, new BigDecimal("1.00"));
            f.customer("c", 2, "OnTime", null, "2.00");

            MergeEngine.Merged first = f.merge(CUSTOMERS);
            assertThat(f.rows("customers")).containsExactly("2|OnTime|NULL|2.00");
            assertThat(first.stagingRows()).isEqualTo(1);

            late.commit();
        }
        long lateSeq = f.count("SELECT ds_seq FROM " + f.stagingTable("customers"));
        long consumedMax = f.count("SELECT max(consumed_max_seq) FROM " + f.metrics());
        assertThat(lateSeq).as("a max(ds_seq) watermark would have skipped the late row").isLessThan(consumedMax);

        MergeEngine.Merged second = f.merge(CUSTOMERS);

        assertThat(second.stagingRows()).isEqualTo(1);
        assertThat(f.rows("customers")).containsExactly("1|Late|NULL|1.00", "2|OnTime|NULL|2.00");
    }

    @Test
    void sinkInsertWaitingForABatchIsMergedByTheNextBatch() throws Exception {
        MergeFixture f = new MergeFixture(TestModel.standard());
        f.customer("c", 1, "OnTime", null, "1.00");
        ExecutorService sink = Executors.newSingleThreadExecutor();
        List<Future<?>> insert = new ArrayList<>();
        List<Boolean> insertDoneAtCommit = new ArrayList<>();
        MergeEngine.Hook duringBatch = (step, dataset, c) -> {
            if (step == MergeEngine.Step.CONSUME) {
                insert.add(sink.submit(() -> f.customer("c", 2, "Waited", null, "2.00")));
                long deadline = System.nanoTime() + 5_000_000_000L;
                while (f.count("SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query LIKE '%"
                        + f.dataset("customers").stagingTable() + "%'") == 0 && System.nanoTime() < deadline) {
                    Thread.onSpinWait();
                }
            }
            if (step == MergeEngine.Step.COMMIT) {
                insertDoneAtCommit.add(insert.get(0).isDone());
            }
        };

        MergeEngine.Outcome first = f.merge(CUSTOMERS, duringBatch);
        insert.get(0).get();
        sink.shutdown();

        assertThat(insertDoneAtCommit).as("the sink's insert waited for the batch").containsExactly(false);
        assertThat(first).isInstanceOfSatisfying(MergeEngine.Merged.class, m -> assertThat(m.stagingRows()).isEqualTo(1));
        assertThat(f.rows("customers")).containsExactly("1|OnTime|NULL|1.00");
        assertThat(f.count("SELECT count(*) FROM " + f.stagingTable("customers"))).isEqualTo(1);

        MergeEngine.Merged second = f.merge(CUSTOMERS);

        assertThat(second.stagingRows()).isEqualTo(1);
        assertThat(f.rows("customers")).containsExactly("1|OnTime|NULL|1.00", "2|Waited|NULL|2.00");
    }

    @Test
    void aRunWhileAnotherHoldsTheStreamMergesNothing() throws Exception {
        MergeFixture f = new MergeFixture(TestModel.standard());
        for (int i = 1; i <= 50; i++) {
            f.customer("c", i, "C" + i, null, i + ".00");
        }
        CountDownLatch locked = new CountDownLatch(1);
        CountDownLatch secondDone = new CountDownLatch(1);
        ExecutorService pool = Executors.newSingleThreadExecutor();
        // The first run holds the stream until the second has given up, however the threads are scheduled.
        Future<MergeEngine.Outcome> first = pool.submit(() -> f.merge(CUSTOMERS, (step, dataset, c) -> {
            if (step == MergeEngine.Step.RECONCILE) {
                locked.countDown();
            }
            if (step == MergeEngine.Step.COMMIT) {
                try {
                    secondDone.await(60, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }));
        assertThat(locked.await(60, TimeUnit.SECONDS)).as("the first run holds the stream").isTrue();

        MergeEngine.Outcome second = f.merge(CUSTOMERS, MergeEngine.Hook.NONE);
        secondDone.countDown();

        assertThat(second).isInstanceOf(MergeEngine.AlreadyRunning.class);
        assertThat(first.get()).isInstanceOf(MergeEngine.Merged.class);
        pool.shutdown();
        assertThat(f.count("SELECT count(*) FROM " + f.mergeTable("customers"))).isEqualTo(50);
        assertThat(f.strings("SELECT status || ' ' || staging_rows FROM " + f.metrics() + " ORDER BY status"))
                .containsExactly("already_running 0", "succeeded 50");
    }

    @Test
    void theStreamLockIsGivenBackWhenARunEndsThoughAPoolKeepsItsConnection() throws Exception {
        MergeFixture f = new MergeFixture(TestModel.standard());
        try (Connection one = MergeFixture.DB.connect(); Connection two = MergeFixture.DB.connect()) {
            // A pool's connections stay open when closed; each run gets the other session.
            List<Connection> sessions = List.of(kept(one), kept(two));
            AtomicInteger runs = new AtomicInteger();
            MergeEngine engine = f.engine(() -> sessions.get(runs.getAndIncrement() % 2));
            f.customer("c", 1, "First", null, "1.00");
            assertThat(engine.run(f.stream(CUSTOMERS))).isInstanceOf(MergeEngine.Merged.class);
            f.customer("c", 2, "Second", null, "2.00");

            MergeEngine.Outcome second = engine.run(f.stream(CUSTOMERS));

            assertThat(second).isInstanceOfSatisfying(MergeEngine.Merged.class, m -> assertThat(m.stagingRows()).isEqualTo(1));
        }
    }

    /** The connection as a pool hands it out: closing it leaves the session open. */
    private static Connection kept(Connection session) {
        return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class}, (proxy, method, args) -> {
            if (method.getName().equals("close")) {
                return null;
            }
            try {
                return method.invoke(session, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        });
    }

    @Test
    void runThatWaitedForTheLockStartsFromWhatTheFirstRunCommitted() throws Exception {
        MergeFixture f = new MergeFixture(TestModel.standard());
        for (int i = 1; i <= 20; i++) {
            f.customer("c", i, "C" + i, null, i + ".00");
        }
        CountDownLatch locked = new CountDownLatch(1);
        ExecutorService pool = Executors.newSingleThreadExecutor();
        Future<MergeEngine.Outcome> first = pool.submit(() -> f.merge(CUSTOMERS, (step, dataset, c) -> {
            if (step == MergeEngine.Step.RECONCILE) {
                locked.countDown();
            }
            if (step == MergeEngine.Step.COMMIT) {
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }));
        locked.await();

        // Long enough for the first run to finish however busy the machine is.
        MergeEngine.Outcome second = f.engine(MergeEngine.Hook.NONE, Duration.ofSeconds(60)).run(f.stream(CUSTOMERS));

        assertThat(((MergeEngine.Merged) first.get()).stagingRows()).isEqualTo(20);
        assertThat(second).isInstanceOfSatisfying(MergeEngine.Merged.class, m -> assertThat(m.stagingRows()).isZero());
        pool.shutdown();
    }

    @Test
    void failureInTheSecondDatasetLeavesTheFirstUntouched() {
        MergeFixture f = new MergeFixture(TestModel.standard());
        f.account("c", "A1", "Ann");
        f.entry("c", 1L, "A1", "1.00", null);
        f.merge(LEDGER);
        f.account("u", "A1", "Ann Smith");
        f.entry("c", null, "A1", "2.00", null);

        MergeEngine.Outcome failed = f.merge(LEDGER, MergeEngine.Hook.NONE);

        assertThat(failed).isInstanceOf(MergeEngine.Failed.class);
        long badSeq = f.count("SELECT ds_seq FROM " + f.stagingTable("entries"));
        assertThat(((MergeEngine.Failed) failed).hint()).contains("staging row ds_seq=" + badSeq, "key column entry_id is null",
                f.schema + ".ledger_db_entries_staging");
        assertThat(f.rows("accounts")).containsExactly("A1|Ann|live");
        assertThat(f.count("SELECT count(*) FROM " + f.stagingTable("accounts"))).as("nothing consumed").isEqualTo(1);
        assertThat(f.strings("SELECT status || ' ' || failure_count || ' ' || (coalesce(error_hint, '') LIKE '%ds_seq=" + badSeq + "%') FROM "
                + f.metrics() + " ORDER BY batch_id")).containsExactly("succeeded 0 false", "failed 1 true");

        f.execute("DELETE FROM " + f.stagingTable("entries") + " WHERE ds_seq = " + badSeq);
        f.merge(LEDGER);
        assertThat(f.rows("accounts")).containsExactly("A1|Ann|closed", "A1|Ann Smith|live");
    }

    @Test
    void unknownOpFailsTheBatchNamingTheRow() {
        MergeFixture f = new MergeFixture(TestModel.standard());
        f.customer("c", 1, "Ann", null, "1.00");
        f.customer("x", 2, "Bob", null, "2.00");

        MergeEngine.Outcome failed = f.merge(CUSTOMERS, MergeEngine.Hook.NONE);

        long seq = f.count("SELECT max(ds_seq) FROM " + f.stagingTable("customers"));
        assertThat(((MergeEngine.Failed) failed).hint()).contains("staging row ds_seq=" + seq, "unknown op 'x'");
        assertThat(f.count("SELECT count(*) FROM " + f.stagingTable("customers"))).isEqualTo(2);
    }

    @Test
    void missingRequiredValueFailsTheBatchNamingTheRowAndColumn() {
        MergeFixture f = new MergeFixture(TestModel.standard());
        f.customer("c", 1, null, null, "1.00");

        MergeEngine.Outcome failed = f.merge(CUSTOMERS, MergeEngine.Hook.NONE);

        assertThat(((MergeEngine.Failed) failed).hint()).contains("ds_seq=1", "column name is null but the model requires a value");
    }

    @Test
    void aChangeIsToldFromNullToEmptyAndAcrossColumnBoundariesAndAnUnchangedRowIsNotRewritten() {
        MergeFixture f = new MergeFixture(TestModel.standard());
        f.customer("c", 1, "ab", "c", "1.00");
        f.customer("c", 2, "x", null, "1.00");
        f.customer("c", 3, "y", "", "1.00");
        MergeEngine.Merged first = f.merge(CUSTOMERS);

        f.customer("u", 1, "a", "bc", "1.00");
        f.customer("u", 2, "x", "", "1.00");
        f.customer("u", 3, "y", null, "1.00");
        MergeEngine.Merged changed = f.merge(CUSTOMERS);
        f.customer("u", 1, "a", "bc", "1.00");
        f.customer("u", 2, "x", "", "1.00");
        f.customer("u", 3, "y", null, "1.00");
        MergeEngine.Merged same = f.merge(CUSTOMERS);

        assertThat(changed.updated()).isEqualTo(3);
        assertThat(same.unchanged()).isEqualTo(3);
        assertThat(f.strings("SELECT id || ':' || name || ':' || coalesce(quote_literal(email), 'NULL') || ':' || ds_batch_id FROM "
                + f.mergeTable("customers") + " ORDER BY id")).containsExactly("1:a:'bc':" + changed.batchId(), "2:x:'':" + changed.batchId(),
                        "3:y:NULL:" + changed.batchId());
        assertThat(first.inserted()).isEqualTo(3);
    }
}
