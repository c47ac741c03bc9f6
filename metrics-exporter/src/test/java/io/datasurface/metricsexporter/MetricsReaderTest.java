package io.datasurface.metricsexporter;

import static io.datasurface.metricsexporter.PlatformTablesFixture.CUSTOMERS;
import static io.datasurface.metricsexporter.PlatformTablesFixture.PRODUCTS;
import static org.assertj.core.api.Assertions.assertThat;

import io.datasurface.kpsg.RunStatus;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class MetricsReaderTest {
    private static final Instant T0 = Instant.parse("2026-11-29T10:00:00Z");

    private final PlatformTablesFixture platform = new PlatformTablesFixture().createSchema().createTables();

    private StreamMetrics read(String stream) throws SQLException {
        return platform.reader().read().streams().stream().filter(s -> s.stream().equals(stream)).findFirst().orElseThrow();
    }

    @Test
    void rowCountersAreTotalsOfTheSucceededBatches() throws SQLException {
        platform.merged(CUSTOMERS, 10, 6, 3, 1, 0, 200, T0);
        platform.merged(CUSTOMERS, 5, 1, 1, 1, 2, 300, T0.plusSeconds(300));
        platform.failed(CUSTOMERS, "row ds_seq 7 breaks not null", T0.plusSeconds(600));

        StreamMetrics customers = read(CUSTOMERS);

        assertThat(customers.rows()).isEqualTo(Map.of("inserted", 7L, "updated", 4L, "deleted", 2L, "unchanged", 2L));
        assertThat(customers.stagingRows()).isEqualTo(15);
    }

    @Test
    void batchCountersCountEveryFinishedRunByStatus() throws SQLException {
        platform.merged(CUSTOMERS, 1, 1, 0, 0, 0, 100, T0);
        platform.failed(CUSTOMERS, "hint", T0.plusSeconds(300));
        platform.failed(CUSTOMERS, "hint", T0.plusSeconds(600));
        platform.alreadyRunning(CUSTOMERS, T0.plusSeconds(610));

        assertThat(read(CUSTOMERS).batches())
                .isEqualTo(Map.of(RunStatus.SUCCEEDED, 1L, RunStatus.FAILED, 2L, RunStatus.ALREADY_RUNNING, 1L));
    }

    @Test
    void durationHistogramCountsSucceededBatchesCumulatively() throws SQLException {
        platform.merged(CUSTOMERS, 1, 1, 0, 0, 0, 80, T0);
        platform.merged(CUSTOMERS, 1, 1, 0, 0, 0, 1_000, T0.plusSeconds(300));
        platform.merged(CUSTOMERS, 1, 1, 0, 0, 0, 45_000, T0.plusSeconds(600));
        platform.failed(CUSTOMERS, "failed runs are not in the histogram", T0.plusSeconds(900));

        DurationHistogram h = read(CUSTOMERS).durations();

        // Bounds 0.1 0.25 0.5 1 2.5 5 10 30 60 120 300 600 1800 seconds.
        assertThat(h.cumulativeCounts()).containsExactly(1L, 1L, 1L, 2L, 2L, 2L, 2L, 2L, 3L, 3L, 3L, 3L, 3L);
        assertThat(h.count()).isEqualTo(3);
        assertThat(h.sumSeconds()).isEqualTo(46.08);
    }

    @Test
    void lastSuccessAndConsecutiveFailuresComeFromTheStreamState() throws SQLException {
        platform.merged(CUSTOMERS, 1, 1, 0, 0, 0, 100, T0);
        platform.failed(CUSTOMERS, "hint", T0.plusSeconds(300));
        platform.failed(CUSTOMERS, "hint", T0.plusSeconds(600));

        StreamMetrics customers = read(CUSTOMERS);

        assertThat(customers.lastSuccess()).contains(T0);
        assertThat(customers.consecutiveFailures()).isEqualTo(2);
    }

    @Test
    void releasedTransactionsAreTheTotalOfTheSucceededBatches() throws SQLException {
        platform.mergedTransactions(CUSTOMERS, 5, 2, 1, T0);
        platform.mergedTransactions(CUSTOMERS, 4, 0, 2, T0.plusSeconds(300));
        platform.failed(CUSTOMERS, "hint", T0.plusSeconds(600));

        assertThat(read(CUSTOMERS).releasedTransactions()).isEqualTo(3);
    }

    @Test
    void heldTransactionsAreThoseOfTheLastSucceededBatch() throws SQLException {
        platform.mergedTransactions(CUSTOMERS, 5, 4, 0, T0);
        platform.mergedTransactions(CUSTOMERS, 4, 1, 0, T0.plusSeconds(300));
        platform.failed(CUSTOMERS, "a failed run holds nothing of its own", T0.plusSeconds(600));

        assertThat(read(CUSTOMERS).heldTransactions()).hasValue(1);
    }

    @Test
    void heldTransactionsAreUnknownBeforeTheFirstSuccess() throws SQLException {
        platform.failed(CUSTOMERS, "hint", T0);

        assertThat(read(CUSTOMERS).heldTransactions()).isEmpty();
    }

    @Test
    void jobMetricsWithoutTheTransactionColumnsReadAsTheReconcileWillLeaveThem() throws SQLException {
        platform.withoutTransactionColumns();
        platform.merged(CUSTOMERS, 10, 6, 3, 1, 0, 200, T0);

        StreamMetrics customers = read(CUSTOMERS);

        assertThat(customers.stagingRows()).isEqualTo(10);
        assertThat(customers.releasedTransactions()).isZero();
        assertThat(customers.heldTransactions()).hasValue(0);
        PlatformSnapshot beforeReconcile = platform.reader().read();
        platform.createTables(); // the statements the merge-worker's reconcile runs
        assertThat(platform.reader().read()).as("every series goes on where it was").isEqualTo(beforeReconcile);
    }

    @Test
    void backlogCountsTheStreamsUnconsumedStagingRows() throws SQLException {
        platform.staged(CUSTOMERS, 42);

        assertThat(read(CUSTOMERS).model()).contains(new StreamMetrics.InModel(Duration.ofMinutes(5), 42));
        assertThat(read(PRODUCTS).model()).contains(new StreamMetrics.InModel(Duration.ofMinutes(5), 0));
    }

    @Test
    void aModelStreamWithoutRunsReadsAsZeros() throws SQLException {
        StreamMetrics products = read(PRODUCTS);

        assertThat(products).isEqualTo(StreamMetrics.none(PRODUCTS, Optional.of(new StreamMetrics.InModel(Duration.ofMinutes(5), 0))));
    }

    @Test
    void tablesNotCreatedYetReadAsZerosForEveryModelStream() throws SQLException {
        PlatformTablesFixture fresh = new PlatformTablesFixture().createSchema();

        PlatformSnapshot snapshot = fresh.reader().read();

        assertThat(snapshot.streams()).extracting(StreamMetrics::stream).containsExactly(CUSTOMERS, PRODUCTS);
        assertThat(snapshot.streams()).allSatisfy(s -> assertThat(s.batches().values()).containsOnly(0L));
    }

    @Test
    void aStreamGoneFromTheModelKeepsItsCountersButHasNoModelSeries() throws SQLException {
        platform.merged("old_db.orders", 3, 3, 0, 0, 0, 100, T0);

        StreamMetrics old = read("old_db.orders");

        assertThat(old.rows().get("inserted")).isEqualTo(3);
        assertThat(old.model()).isEmpty();
    }

    @Test
    void aNewReaderOverTheSameTablesReadsTheSameCounters() throws SQLException {
        platform.merged(CUSTOMERS, 10, 6, 3, 1, 0, 200, T0);
        platform.failed(CUSTOMERS, "hint", T0.plusSeconds(300));
        PlatformSnapshot before = platform.reader().read();

        // An exporter restart is a new reader: its counters start from the table, not from zero.
        PlatformSnapshot after = platform.reader().read();

        assertThat(after).isEqualTo(before);
    }
}
