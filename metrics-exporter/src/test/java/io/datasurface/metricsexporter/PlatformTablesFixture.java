package io.datasurface.metricsexporter;

import static io.datasurface.kpsg.PlatformTables.*;
import static io.datasurface.kpsg.PostgresNames.quote;

import io.datasurface.kpsg.IntentionGraph;
import io.datasurface.kpsg.PlatformTableStatements;
import io.datasurface.kpsg.PostgresNames;
import io.datasurface.kpsg.RunStatus;
import io.datasurface.load.PlatformResolver;
import io.datasurface.testing.TestingPostgres;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * examples/minimal's platform Prod (streams shop_db.customers and shop_db.products, merged every
 * 5 minutes) in a database of its own, with the platform tables created by the same statements as
 * the merge-worker's reconcile, and merge runs recorded as the merge-worker records them.
 */
final class PlatformTablesFixture {
    static final Path MODEL = Path.of("../examples/minimal");
    static final String PLATFORM = "Prod";
    static final String CUSTOMERS = "shop_db.customers";
    static final String PRODUCTS = "shop_db.products";

    final TestingPostgres.Database db;
    final IntentionGraph graph;

    PlatformTablesFixture() {
        this.db = TestingPostgres.get().newDatabase();
        this.graph = graph();
    }

    static IntentionGraph graph() {
        try {
            return PlatformResolver.resolve(MODEL, PLATFORM).graph();
        } catch (Exception e) {
            throw new IllegalStateException("examples/minimal does not resolve: " + e.getMessage(), e);
        }
    }

    PlatformTablesFixture createSchema() {
        db.execute("CREATE SCHEMA " + quote(graph.schema()));
        return this;
    }

    PlatformTablesFixture createTables() {
        db.execute(PlatformTableStatements.create(graph.schema()).toArray(String[]::new));
        return this;
    }

    MetricsReader reader() {
        return new MetricsReader(graph, db::connect);
    }

    /** A staging table of the stream holding {@code rows} rows not consumed yet (only the row count matters to the exporter). */
    void staged(String stream, int rows) {
        String table = graph.stream(stream).orElseThrow().datasets().get(0).stagingTable();
        db.execute("CREATE TABLE IF NOT EXISTS " + table(table) + " (ds_seq bigserial)",
                "INSERT INTO " + table(table) + " SELECT FROM generate_series(1, " + rows + ")");
    }

    /**
     * ds_job_metrics as a release before whole source transactions made it, without the held and
     * released columns: what an upgraded exporter reads until the merge-worker's reconcile adds them.
     */
    PlatformTablesFixture withoutTransactionColumns() {
        db.execute("ALTER TABLE " + table(JOB_METRICS.name()) + " DROP COLUMN " + quote(HELD_TRANSACTIONS) + ", DROP COLUMN "
                + quote(RELEASED_TRANSACTIONS));
        return this;
    }

    /** A succeeded batch, as the merge-worker's finished batch and stream state leave it. */
    void merged(String stream, long stagingRows, long inserted, long updated, long deleted, long unchanged, long durationMillis, Instant ended) {
        Map<String, Long> counts = new LinkedHashMap<>();
        counts.put(STAGING_ROWS, stagingRows);
        counts.put(INSERTED, inserted);
        counts.put(UPDATED, updated);
        counts.put(DELETED, deleted);
        counts.put(UNCHANGED, unchanged);
        succeeded(stream, counts, durationMillis, ended);
    }

    /**
     * A succeeded batch that inserted its staging rows, left {@code held} source transactions in
     * staging and consumed {@code released} incomplete ones after their wait.
     */
    void mergedTransactions(String stream, long stagingRows, long held, long released, Instant ended) {
        Map<String, Long> counts = new LinkedHashMap<>();
        counts.put(STAGING_ROWS, stagingRows);
        counts.put(INSERTED, stagingRows);
        counts.put(HELD_TRANSACTIONS, held);
        counts.put(RELEASED_TRANSACTIONS, released);
        succeeded(stream, counts, 100, ended);
    }

    /** The counts' columns only, so that a batch without transaction counts fits a table without their columns. */
    private void succeeded(String stream, Map<String, Long> counts, long durationMillis, Instant ended) {
        Instant started = ended.minusMillis(durationMillis);
        List<String> columns = new ArrayList<>(List.of(STREAM, STATUS, BATCH_TIME, STARTED_AT, ENDED_AT, DURATION_MS));
        columns.addAll(counts.keySet());
        inTransaction(c -> {
            long batchId;
            try (PreparedStatement p = c.prepareStatement("INSERT INTO " + table(JOB_METRICS.name()) + " (" + columns(columns.toArray(String[]::new))
                    + ") VALUES (" + String.join(", ", Collections.nCopies(columns.size(), "?")) + ") RETURNING " + quote(BATCH_ID))) {
                p.setString(1, stream);
                p.setString(2, RunStatus.SUCCEEDED.value());
                p.setTimestamp(3, Timestamp.from(started));
                p.setTimestamp(4, Timestamp.from(started));
                p.setTimestamp(5, Timestamp.from(ended));
                p.setLong(6, durationMillis);
                int i = 7;
                for (long count : counts.values()) {
                    p.setLong(i++, count);
                }
                batchId = single(p);
            }
            streamState(c, stream, batchId, RunStatus.SUCCEEDED, 0, ended);
        });
    }

    /** A failed run: a metrics row with the hint, and one more consecutive failure on the stream. */
    void failed(String stream, String hint, Instant at) {
        inTransaction(c -> {
            int failures = 0;
            try (PreparedStatement p = c.prepareStatement("SELECT " + quote(CONSECUTIVE_FAILURES) + " FROM " + table(BATCHES.name())
                    + " WHERE " + quote(STREAM) + " = ?")) {
                p.setString(1, stream);
                try (var rs = p.executeQuery()) {
                    failures = rs.next() ? rs.getInt(1) : 0;
                }
            }
            long batchId = run(c, stream, RunStatus.FAILED, failures + 1, hint, at);
            streamState(c, stream, batchId, RunStatus.FAILED, failures + 1, at);
        });
    }

    /** A run that found another run of the stream merging: a metrics row only. */
    void alreadyRunning(String stream, Instant at) {
        inTransaction(c -> run(c, stream, RunStatus.ALREADY_RUNNING, 0, null, at));
    }

    private long run(Connection c, String stream, RunStatus status, int failures, String hint, Instant at) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("INSERT INTO " + table(JOB_METRICS.name()) + " (" + columns(STREAM, STATUS, BATCH_TIME,
                STARTED_AT, ENDED_AT, DURATION_MS, FAILURE_COUNT, ERROR_HINT) + ") VALUES (?, ?, ?, ?, ?, 5, ?, ?) RETURNING " + quote(BATCH_ID))) {
            p.setString(1, stream);
            p.setString(2, status.value());
            p.setTimestamp(3, Timestamp.from(at));
            p.setTimestamp(4, Timestamp.from(at));
            p.setTimestamp(5, Timestamp.from(at));
            p.setInt(6, failures);
            p.setString(7, hint);
            return single(p);
        }
    }

    private void streamState(Connection c, String stream, long batchId, RunStatus status, int failures, Instant at) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("INSERT INTO " + table(BATCHES.name()) + " (" + columns(STREAM, LAST_BATCH_ID, LAST_STATUS,
                LAST_BATCH_TIME, LAST_SUCCESS_AT, CONSECUTIVE_FAILURES) + ") VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (" + quote(STREAM)
                + ") DO UPDATE SET " + quote(LAST_BATCH_ID) + " = EXCLUDED." + quote(LAST_BATCH_ID) + ", " + quote(LAST_STATUS) + " = EXCLUDED."
                + quote(LAST_STATUS) + ", " + quote(LAST_BATCH_TIME) + " = EXCLUDED." + quote(LAST_BATCH_TIME) + ", " + quote(LAST_SUCCESS_AT)
                + " = coalesce(EXCLUDED." + quote(LAST_SUCCESS_AT) + ", " + table(BATCHES.name()) + "." + quote(LAST_SUCCESS_AT) + "), "
                + quote(CONSECUTIVE_FAILURES) + " = EXCLUDED." + quote(CONSECUTIVE_FAILURES))) {
            p.setString(1, stream);
            p.setLong(2, batchId);
            p.setString(3, status.value());
            p.setTimestamp(4, Timestamp.from(at));
            p.setTimestamp(5, status == RunStatus.SUCCEEDED ? Timestamp.from(at) : null);
            p.setInt(6, failures);
            p.executeUpdate();
        }
    }

    private static long single(PreparedStatement p) throws SQLException {
        try (var rs = p.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private String table(String name) {
        return PlatformTableStatements.table(graph.schema(), name);
    }

    private static String columns(String... names) {
        return String.join(", ", List.of(names).stream().map(PostgresNames::quote).toList());
    }

    private interface Work {
        void run(Connection c) throws SQLException;
    }

    private void inTransaction(Work work) {
        try (Connection c = db.connect()) {
            c.setAutoCommit(false);
            work.run(c);
            c.commit();
        } catch (SQLException e) {
            throw new IllegalStateException("fixture SQL failed: " + e.getMessage(), e);
        }
    }
}
