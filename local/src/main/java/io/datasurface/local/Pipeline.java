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

    /** Changes that reached staging so far, whether a batch consumed them yet or not. */
    public long staged() throws SQLException {
        return waitingInStaging() + merged().stagingRows();
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
