package io.datasurface.metricsexporter;

import static io.datasurface.kpsg.PlatformTables.BATCHES;
import static io.datasurface.kpsg.PlatformTables.JOB_METRICS;
import static java.util.Objects.requireNonNull;

import io.datasurface.kpsg.BatchStream;
import io.datasurface.kpsg.IngestedDataset;
import io.datasurface.kpsg.IntentionGraph;
import io.datasurface.kpsg.RunStatus;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Reads a platform's tables into a {@link PlatformSnapshot}, in one read-only transaction so the
 * numbers agree with each other. Streams are those of the model and those the tables mention (a
 * stream removed from the model keeps its counters until its rows go). Tables that do not exist
 * yet (before the first reconcile) read as empty, and columns a later release added that the
 * reconcile has not added yet read as their default (the exporter may be upgraded first).
 */
public final class MetricsReader {
    private final IntentionGraph graph;
    private final Connector connector;
    private final MetricsQueries sql;

    public MetricsReader(IntentionGraph graph, Connector connector) {
        this.graph = requireNonNull(graph, "graph is null");
        this.connector = requireNonNull(connector, "connector is null");
        this.sql = new MetricsQueries(graph.schema());
    }

    public PlatformSnapshot read() throws SQLException {
        try (Connection c = connector.connect()) {
            c.setAutoCommit(false);
            c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            c.setReadOnly(true);
            try {
                return read(c);
            } finally {
                c.rollback();
            }
        }
    }

    private PlatformSnapshot read(Connection c) throws SQLException {
        Set<String> tables = existingTables(c);
        Map<String, Map<RunStatus, Long>> runs = tables.contains(JOB_METRICS.name()) ? runsByStatus(c) : Map.of();
        Map<String, Totals> totals = tables.contains(JOB_METRICS.name()) ? succeededTotals(c, existingColumns(c, JOB_METRICS.name())) : Map.of();
        Map<String, State> states = tables.contains(BATCHES.name()) ? streamStates(c) : Map.of();

        Map<String, BatchStream> modelStreams = new TreeMap<>();
        graph.streams().forEach(s -> modelStreams.put(s.key(), s));
        Set<String> streams = new TreeSet<>(modelStreams.keySet());
        streams.addAll(runs.keySet());
        streams.addAll(states.keySet());

        List<StreamMetrics> metrics = new ArrayList<>();
        for (String stream : streams) {
            BatchStream inModel = modelStreams.get(stream);
            Optional<StreamMetrics.InModel> model = inModel == null ? Optional.empty()
                    : Optional.of(new StreamMetrics.InModel(inModel.schedule(), backlog(c, inModel, tables)));
            StreamMetrics none = StreamMetrics.none(stream, model);
            Map<RunStatus, Long> batches = new EnumMap<>(none.batches());
            batches.putAll(runs.getOrDefault(stream, Map.of()));
            Totals t = totals.get(stream);
            State s = states.get(stream);
            metrics.add(new StreamMetrics(stream, batches, t == null ? 0 : t.stagingRows(), t == null ? 0 : t.releasedTransactions(),
                    t == null ? none.rows() : t.rows(), t == null ? none.durations() : t.durations(),
                    s == null ? Optional.empty() : s.lastSuccess(), t == null ? OptionalLong.empty() : OptionalLong.of(t.lastHeldTransactions()),
                    s == null ? 0 : s.consecutiveFailures(), model));
        }
        return new PlatformSnapshot(graph.platform().name(), metrics);
    }

    private record Totals(long stagingRows, Map<String, Long> rows, long releasedTransactions, long lastHeldTransactions,
            DurationHistogram durations) {
    }

    private record State(Optional<Instant> lastSuccess, int consecutiveFailures) {
    }

    private Set<String> existingTables(Connection c) throws SQLException {
        Set<String> names = new HashSet<>();
        try (PreparedStatement ps = c.prepareStatement(sql.existingTables())) {
            ps.setString(1, graph.schema());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    names.add(rs.getString(1));
                }
            }
        }
        return names;
    }

    private Set<String> existingColumns(Connection c, String table) throws SQLException {
        Set<String> names = new HashSet<>();
        try (PreparedStatement ps = c.prepareStatement(sql.existingColumns())) {
            ps.setString(1, graph.schema());
            ps.setString(2, table);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    names.add(rs.getString(1));
                }
            }
        }
        return names;
    }

    private Map<String, Map<RunStatus, Long>> runsByStatus(Connection c) throws SQLException {
        Map<String, Map<RunStatus, Long>> runs = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement(sql.runsByStatus())) {
            ps.setString(1, RunStatus.RUNNING.value());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    runs.computeIfAbsent(rs.getString(1), s -> new EnumMap<>(RunStatus.class)).put(RunStatus.of(rs.getString(2)), rs.getLong(3));
                }
            }
        }
        return runs;
    }

    private Map<String, Totals> succeededTotals(Connection c, Set<String> columns) throws SQLException {
        List<Long> bounds = DurationHistogram.boundsMillis();
        Map<String, Totals> totals = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement(sql.succeededTotals(bounds.size(), columns))) {
            int i = 1;
            for (long bound : bounds) {
                ps.setLong(i++, bound);
            }
            ps.setString(i, RunStatus.SUCCEEDED.value());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    int column = 1;
                    String stream = rs.getString(column++);
                    long stagingRows = rs.getLong(column++);
                    Map<String, Long> rows = new HashMap<>();
                    for (String op : StreamMetrics.OPERATIONS) {
                        rows.put(op, rs.getLong(column++));
                    }
                    long released = rs.getLong(column++);
                    long lastHeld = rs.getLong(column++);
                    long batches = rs.getLong(column++);
                    double seconds = rs.getLong(column++) / 1000.0;
                    List<Long> within = new ArrayList<>();
                    for (int b = 0; b < bounds.size(); b++) {
                        within.add(rs.getLong(column++));
                    }
                    totals.put(stream, new Totals(stagingRows, rows, released, lastHeld, new DurationHistogram(within, batches, seconds)));
                }
            }
        }
        return totals;
    }

    private Map<String, State> streamStates(Connection c) throws SQLException {
        Map<String, State> states = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement(sql.streamStates()); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                Timestamp lastSuccess = rs.getTimestamp(2);
                states.put(rs.getString(1), new State(Optional.ofNullable(lastSuccess).map(Timestamp::toInstant), rs.getInt(3)));
            }
        }
        return states;
    }

    private long backlog(Connection c, BatchStream stream, Set<String> existing) throws SQLException {
        List<String> staging = stream.datasets().stream().map(IngestedDataset::stagingTable).filter(existing::contains).toList();
        if (staging.isEmpty()) {
            return 0;
        }
        try (PreparedStatement ps = c.prepareStatement(sql.rowCount(staging)); ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
