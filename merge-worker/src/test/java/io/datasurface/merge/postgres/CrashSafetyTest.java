package io.datasurface.merge.postgres;

import static io.datasurface.merge.postgres.MergeFixture.LEDGER;
import static org.assertj.core.api.Assertions.assertThat;

import io.datasurface.merge.TestModel;
import java.sql.SQLException;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The ledger stream (two datasets, milestoned) is interrupted at every step of a batch; the next
 * run must end with the tables an uninterrupted run gives. Per-dataset steps are interrupted at
 * the second dataset, after the first one was already applied in the same transaction.
 */
class CrashSafetyTest {

    private static void firstBatch(MergeFixture f) {
        f.account("c", "A1", "Ann");
        f.account("c", "A2", "Bob");
        f.entry("c", 1L, "A1", "10.00", null);
        f.entry("c", 2L, "A2", "20.00", "rent");
        f.merge(LEDGER);
    }

    private static void secondBatchChanges(MergeFixture f) {
        f.account("u", "A1", "Ann Smith");
        f.account("d", "A2", null);
        f.entry("u", 1L, "A1", "15.00", "fixed");
        f.entry("d", 2L, null, null, null);
        f.entry("c", 3L, "A1", "30.00", null);
    }

    private static final class Crash extends RuntimeException {
        Crash(MergeEngine.Step step) {
            super("simulated crash before " + step);
        }
    }

    @ParameterizedTest
    @EnumSource(MergeEngine.Step.class)
    void batchCrashedAtAnyStepIsRedoneByTheNextRun(MergeEngine.Step crashAt) {
        MergeFixture reference = new MergeFixture(TestModel.standard());
        firstBatch(reference);
        secondBatchChanges(reference);
        reference.merge(LEDGER);

        MergeFixture f = new MergeFixture(TestModel.standard());
        firstBatch(f);
        secondBatchChanges(f);
        MergeEngine.Outcome crashed = f.merge(LEDGER, (step, dataset, c) -> {
            if (step == crashAt && (dataset == null || dataset.equals("ledger_db.entries"))) {
                throw new Crash(step);
            }
        });
        assertThat(crashed).isInstanceOf(MergeEngine.Failed.class);
        assertThat(((MergeEngine.Failed) crashed).hint()).contains("simulated crash before " + crashAt);
        assertThat(f.count("SELECT count(*) FROM " + f.stagingTable("accounts")) + f.count("SELECT count(*) FROM " + f.stagingTable("entries")))
                .as("nothing was consumed").isEqualTo(5);

        MergeEngine.Merged redo = f.merge(LEDGER);

        assertThat(redo.stagingRows()).isEqualTo(5);
        assertThat(f.rows("accounts")).isEqualTo(reference.rows("accounts"));
        assertThat(f.rows("entries")).isEqualTo(reference.rows("entries"));
        assertThat(f.rows("entries")).containsExactly("1|A1|10.00|2026-01-02 03:04:05+00|NULL|closed",
                "1|A1|15.00|2026-01-02 03:04:05+00|fixed|live", "2|A2|20.00|2026-01-02 03:04:05+00|rent|closed",
                "3|A1|30.00|2026-01-02 03:04:05+00|NULL|live");
        assertThat(f.strings("SELECT status FROM " + f.metrics() + " ORDER BY batch_id")).containsExactly("succeeded", "failed", "succeeded");
    }

    @Test
    void batchWhoseConnectionIsKilledMidwayIsRedoneByTheNextRun() {
        MergeFixture f = new MergeFixture(TestModel.standard());
        firstBatch(f);
        secondBatchChanges(f);

        MergeEngine.Outcome killed = f.merge(LEDGER, (step, dataset, c) -> {
            if (step == MergeEngine.Step.APPLY && "ledger_db.entries".equals(dataset)) {
                c.abort(Runnable::run);
                throw new SQLException("connection killed", "08006");
            }
        });
        assertThat(killed).isInstanceOf(MergeEngine.Failed.class);
        assertThat(((MergeEngine.Failed) killed).hint()).contains("connection to PostgreSQL was lost");

        // The killed session's stream lock goes when its server process notices; the next run waits for that.
        assertThat(f.engine(MergeEngine.Hook.NONE, Duration.ofSeconds(30)).run(f.stream(LEDGER))).isInstanceOf(MergeEngine.Merged.class);
        assertThat(f.rows("accounts")).containsExactly("A1|Ann|closed", "A1|Ann Smith|live", "A2|Bob|closed");
        assertThat(f.strings("SELECT status || ' ' || failure_count FROM " + f.metrics() + " ORDER BY batch_id"))
                .as("the failure was recorded on a new connection").containsExactly("succeeded 0", "failed 1", "succeeded 0");
    }
}
