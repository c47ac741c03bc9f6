package io.datasurface.local;

import io.datasurface.kpsg.IngestedDataset;
import io.datasurface.kpsg.IntentionGraph;
import io.datasurface.kpsg.PlatformTables;
import io.datasurface.kpsg.PostgresNames;
import io.datasurface.kpsg.RunStatus;
import io.datasurface.kpsg.TableLayout;
import io.datasurface.model.Milestoning;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * What the platform database says about the pipeline: how many changes reached staging (still
 * waiting, or consumed by a batch), how many batches merged, and each dataset's live rows, read
 * through the same names and table contract the merge-worker writes.
 */
public final class Pipeline {
    private final IntentionGraph graph;
    private final LocalPostgres.Database platform;

    public Pipeline(IntentionGraph graph, LocalPostgres.Database platform) {
        this.graph = graph;
        this.platform = platform;
    }

    /** Rows waiting in the staging tables. */
    public long waitingInStaging() throws SQLException {
        long total = 0;
        try (Connection c = platform.connect(); Statement s = c.createStatement()) {
            for (IngestedDataset d : graph.datasets()) {
                try (ResultSet rs = s.executeQuery("SELECT count(*) FROM " + table(d.stagingTable()))) {
                    rs.next();
                    total += rs.getLong(1);
                }
            }
        }
        return total;
    }

    /** Merged batches so far, and the staging rows they consumed. */
    public record Merged(long batches, long stagingRows) {
    }

    public Merged merged() throws SQLException {
        try (Connection c = platform.connect(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT coalesce(sum(" + PostgresNames.quote(PlatformTables.STAGING_ROWS) + "), 0), count(*) FROM "
                        + table(PlatformTables.JOB_METRICS.name()) + " WHERE " + PostgresNames.quote(PlatformTables.STATUS) + " = '"
                        + RunStatus.SUCCEEDED.value() + "'")) {
            rs.next();
            return new Merged(rs.getLong(2), rs.getLong(1));
        }
    }

    /** How long the oldest change waiting in staging has been committed at its source; zero when nothing waits. */
    public Duration lag() throws SQLException {
        String oldest = String.join(" UNION ALL ", graph.datasets().stream().map(d -> "SELECT min(" + PostgresNames.quote(TableLayout.SOURCE_TS)
                + ") AS ts FROM " + table(d.stagingTable())).toList());
        try (Connection c = platform.connect(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT coalesce(extract(epoch FROM now() - min(ts)) * 1000, 0)::bigint FROM (" + oldest + ") t")) {
            rs.next();
            return Duration.ofMillis(Math.max(0, rs.getLong(1)));
        }
    }

    /** Changes that reached staging so far, whether a batch consumed them yet or not. */
    public long staged() throws SQLException {
        return waitingInStaging() + merged().stagingRows();
    }

    /** Waits until {@code expected} changes reached staging, whether merged since or not. */
    public void awaitStaged(long expected, Duration timeout) throws SQLException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        long staged = staged();
        while (staged < expected) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(staged + " of " + expected + " change(s) reached staging within " + timeout
                        + "; the Connect worker's log above says why");
            }
            Thread.sleep(200);
            staged = staged();
        }
        if (staged > expected) {
            throw new IllegalStateException(staged + " change(s) reached staging, " + (staged - expected) + " more than were written");
        }
    }

    /** The dataset's live rows in its merge table, by key. */
    public Map<List<Object>, List<Object>> liveRows(IngestedDataset d) throws SQLException {
        String where = milestoning(d) == Milestoning.MILESTONED ? PostgresNames.quote(TableLayout.DP_OUT) + " IS NULL" : "true";
        try (Connection c = platform.connect()) {
            return TypedRows.read(c, table(d.mergeTable()), d, col -> col.name(), where);
        }
    }

    public Milestoning milestoning(IngestedDataset d) {
        return graph.streams().stream().filter(s -> s.datasets().contains(d)).findFirst().orElseThrow().milestoning();
    }

    public Connection connect() throws SQLException {
        return platform.connect();
    }

    public String table(String name) {
        return PostgresNames.quote(graph.schema()) + "." + PostgresNames.quote(name);
    }
}
