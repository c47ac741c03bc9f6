package io.datasurface.local;

import io.datasurface.kpsg.BatchStream;
import io.datasurface.kpsg.IngestedDataset;
import io.datasurface.kpsg.IntentionGraph;
import io.datasurface.kpsg.PlatformTables;
import io.datasurface.kpsg.PostgresNames;
import io.datasurface.kpsg.RunStatus;
import io.datasurface.kpsg.TableLayout;
import io.datasurface.model.Milestoning;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
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

    /** A stream's last merged batch: the staging rows it consumed and the source transactions it left for later. */
    public record Batch(long stagingRows, long heldTransactions) {
    }

    public Batch lastBatch(String stream) throws SQLException {
        String query = "SELECT " + PostgresNames.quote(PlatformTables.STAGING_ROWS) + ", " + PostgresNames.quote(PlatformTables.HELD_TRANSACTIONS)
                + " FROM " + table(PlatformTables.JOB_METRICS.name()) + " WHERE " + PostgresNames.quote(PlatformTables.STREAM) + " = ? AND "
                + PostgresNames.quote(PlatformTables.STATUS) + " = '" + RunStatus.SUCCEEDED.value() + "' ORDER BY "
                + PostgresNames.quote(PlatformTables.BATCH_ID) + " DESC LIMIT 1";
        try (Connection c = platform.connect(); PreparedStatement p = c.prepareStatement(query)) {
            p.setString(1, stream);
            try (ResultSet rs = p.executeQuery()) {
                if (!rs.next()) {
                    throw new IllegalStateException("stream " + stream + " has merged no batch yet");
                }
                return new Batch(rs.getLong(1), rs.getLong(2));
            }
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
        awaitEndRecords(deadline, timeout, Duration.ofMillis(200));
    }

    /**
     * Waits until every source transaction with changes in staging has its END record on the
     * platform, so that a batch can take it whole; looks again every {@code poll}.
     */
    public void awaitEndRecords(Duration timeout, Duration poll) throws SQLException, InterruptedException {
        awaitEndRecords(System.nanoTime() + timeout.toNanos(), timeout, poll);
    }

    private void awaitEndRecords(long deadline, Duration timeout, Duration poll) throws SQLException, InterruptedException {
        while (transactionsWithoutEnd() > 0) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(transactionsWithoutEnd() + " source transaction(s) in staging have no END record in "
                        + PlatformTables.TRANSACTIONS.name() + " after " + timeout + "; the transaction sink's log above says why");
            }
            Thread.sleep(poll.toMillis());
        }
    }

    /**
     * Source transactions with changes in staging whose END record has not reached the platform:
     * a batch leaves them for later.
     */
    public long transactionsWithoutEnd() throws SQLException {
        List<String> topics = new ArrayList<>();
        List<String> staged = new ArrayList<>();
        for (BatchStream st : graph.streams()) {
            for (IngestedDataset d : st.datasets()) {
                topics.add(st.transactionTopic());
                staged.add("SELECT " + TableLayout.transactionKey(PostgresNames.quote(TableLayout.TX_ID)) + " AS id, ?::text AS topic FROM "
                        + table(d.stagingTable())
                        + " WHERE " + PostgresNames.quote(TableLayout.TX_ID) + " IS NOT NULL");
            }
        }
        String query = "SELECT count(*) FROM (" + String.join(" UNION ", staged) + ") st WHERE NOT EXISTS (SELECT 1 FROM "
                + table(PlatformTables.TRANSACTIONS.name()) + " t WHERE t." + PostgresNames.quote(PlatformTables.TX_TOPIC) + " = st.topic AND t."
                + PostgresNames.quote(PlatformTables.TX_ID) + " = st.id AND t." + PostgresNames.quote(PlatformTables.TX_STATUS) + " = '"
                + PlatformTables.TX_END + "')";
        try (Connection c = platform.connect(); PreparedStatement p = c.prepareStatement(query)) {
            for (int i = 0; i < topics.size(); i++) {
                p.setString(i + 1, topics.get(i));
            }
            try (ResultSet rs = p.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
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
