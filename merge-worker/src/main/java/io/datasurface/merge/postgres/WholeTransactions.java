package io.datasurface.merge.postgres;

import static java.util.Objects.requireNonNull;

import io.datasurface.kpsg.BatchStream;
import io.datasurface.kpsg.IngestedDataset;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Decides which staging rows a batch consumes so that it never holds part of a source transaction.
 *
 * <p>Each change in staging carries its source transaction ({@code ds_tx_id}); the transaction's END
 * record in {@code ds_transactions} counts its changes per source table. Records arrive in commit
 * order, and so do the changes of one table. A batch walks the END records after the stream's
 * watermark: a transaction that touches none of the stream's tables is passed over; one whose
 * changes to every table of the stream have all arrived is consumed; the first one that is still
 * missing changes stops the walk, and it and every later transaction stay in staging. Because the
 * changes of one table arrive in commit order, that is one ds_seq limit per staging table: a batch
 * consumes the rows before it.
 *
 * <p>A transaction must not hold a stream forever (a connector restarted in the middle of one, an END
 * record lost): once it has waited {@code wait} (since its END or its first change arrived, whichever
 * was first) it is released: consumed with what arrived, and reported. A change whose transaction
 * has no END record yet waits the same way. Changes with no transaction (a snapshot, a source without
 * transaction metadata) are consumed as they always were, up to the limit.
 */
final class WholeTransactions {
    /** An incomplete transaction the batch consumed because it waited its limit. */
    record Released(String id, String missing) {
        Released {
            requireNonNull(id, "id is null");
            requireNonNull(missing, "missing is null");
        }

        @Override
        public String toString() {
            return id + " (" + missing + ")";
        }
    }

    /**
     * What the batch may consume: the first ds_seq to leave in each staging table that has one (by
     * the dataset's index in the stream), the watermark to record, how many transactions stay for a
     * later batch and which incomplete ones were released; and the summary of every row of each
     * staging table, which is what the batch consumes of a table without a limit.
     */
    record Cut(Map<Integer, Long> limits, long watermark, int held, List<Released> released, List<StagingSummary> staged) {
        Cut {
            limits = Map.copyOf(limits);
            released = List.copyOf(released);
            staged = List.copyOf(staged);
        }

        OptionalLong limit(int dataset) {
            Long limit = limits.get(dataset);
            return limit == null ? OptionalLong.empty() : OptionalLong.of(limit);
        }

        /** The summary of every staging row of the dataset: of what the batch consumes when {@link #limit} is empty. */
        StagingSummary staged(int dataset) {
            return staged.get(dataset);
        }
    }

    /** A source transaction's changes to one staging table, as far as they arrived. */
    private record Staged(long changes, long firstSeq, long ageMillis) {
    }

    /** A staging table's rows by source transaction (those without one left out), and the summary of all of them. */
    private record StagedTable(Map<String, Staged> transactions, StagingSummary all) {
    }

    /** An END record: its position, its age, and how many changes it counts for each of the stream's tables. */
    private record End(long seq, String id, long ageMillis, Map<Integer, Long> expected) {
    }

    private WholeTransactions() {
    }

    static Cut plan(Connection c, PostgresDialect sql, BatchStream stream, Duration wait) throws SQLException {
        long watermark = watermark(c, sql, stream);
        List<Map<String, Staged>> staged = new ArrayList<>();
        List<StagingSummary> summaries = new ArrayList<>();
        for (IngestedDataset d : stream.datasets()) {
            StagedTable table = staged(c, sql, d);
            staged.add(table.transactions());
            summaries.add(table.all());
        }
        List<End> ends = ends(c, sql, stream, watermark);
        if (ends.isEmpty() && staged.stream().allMatch(Map::isEmpty)) {
            return new Cut(Map.of(), watermark, 0, List.of(), summaries);
        }

        long waitMillis = wait.toMillis();
        long advanced = watermark;
        Set<String> held = new HashSet<>();
        Set<String> known = new HashSet<>();
        List<Released> released = new ArrayList<>();
        boolean blocked = false;
        for (End end : ends) {
            known.add(end.id());
            if (end.expected().isEmpty()) {
                if (!blocked) {
                    advanced = end.seq();
                }
                continue;
            }
            if (blocked) {
                held.add(end.id());
                continue;
            }
            String missing = missing(end, staged, stream);
            if (missing.isEmpty()) {
                advanced = end.seq();
            } else if (Math.max(end.ageMillis(), waitedSinceFirstChange(end.id(), staged)) >= waitMillis) {
                released.add(new Released(end.id(), missing));
                advanced = end.seq();
            } else {
                blocked = true;
                held.add(end.id());
            }
        }

        Set<String> withoutEnd = new HashSet<>();
        staged.forEach(m -> withoutEnd.addAll(m.keySet()));
        withoutEnd.removeAll(known);
        withoutEnd.removeAll(consumedBefore(c, sql, stream, watermark, withoutEnd));
        for (String id : withoutEnd) {
            if (waitedSinceFirstChange(id, staged) >= waitMillis) {
                released.add(new Released(id, "no END record arrived"));
            } else {
                held.add(id);
            }
        }

        Map<Integer, Long> limits = new HashMap<>();
        for (int i = 0; i < staged.size(); i++) {
            for (Map.Entry<String, Staged> e : staged.get(i).entrySet()) {
                if (held.contains(e.getKey())) {
                    limits.merge(i, e.getValue().firstSeq(), Math::min);
                }
            }
        }
        return new Cut(limits, advanced, held.size(), released, summaries);
    }

    /** What the END record counts that has not arrived, as {@code orders 1 of 2, lines 0 of 3}; empty when all has. */
    private static String missing(End end, List<Map<String, Staged>> staged, BatchStream stream) {
        List<String> missing = new ArrayList<>();
        for (Map.Entry<Integer, Long> e : end.expected().entrySet()) {
            Staged arrived = staged.get(e.getKey()).get(end.id());
            long changes = arrived == null ? 0 : arrived.changes();
            // More than counted is a change delivered twice (Kafka Connect delivers at least once): all are there.
            if (changes < e.getValue()) {
                missing.add(stream.datasets().get(e.getKey()).name() + " " + changes + " of " + e.getValue());
            }
        }
        return String.join(", ", missing);
    }

    /** Milliseconds since the transaction's first change reached any of the stream's staging tables; 0 when none has. */
    private static long waitedSinceFirstChange(String id, List<Map<String, Staged>> staged) {
        return staged.stream().map(m -> m.get(id)).filter(s -> s != null).mapToLong(Staged::ageMillis).max().orElse(0);
    }

    private static long watermark(Connection c, PostgresDialect sql, BatchStream stream) throws SQLException {
        try (PreparedStatement p = c.prepareStatement(sql.transactionWatermark())) {
            p.setString(1, stream.key());
            try (ResultSet rs = p.executeQuery()) {
                return rs.next() ? rs.getLong(1) : 0;
            }
        }
    }

    private static StagedTable staged(Connection c, PostgresDialect sql, IngestedDataset d) throws SQLException {
        Map<String, Staged> transactions = new HashMap<>();
        StagingSummary all = StagingSummary.NONE;
        try (PreparedStatement p = c.prepareStatement(sql.stagedTransactions(d)); ResultSet rs = p.executeQuery()) {
            while (rs.next()) {
                StagingSummary group = StagingSummary.read(rs, 3);
                String id = rs.getString(1);
                if (id != null) {
                    transactions.put(id, new Staged(group.rows(), group.minSeq(), rs.getLong(2)));
                }
                all = all.and(group);
            }
        }
        return new StagedTable(transactions, all);
    }

    private static List<End> ends(Connection c, PostgresDialect sql, BatchStream stream, long watermark) throws SQLException {
        Map<String, Integer> datasetsByTable = new HashMap<>();
        for (int i = 0; i < stream.datasets().size(); i++) {
            datasetsByTable.put(stream.datasets().get(i).name(), i);
        }
        Map<Long, End> ends = new LinkedHashMap<>();
        try (PreparedStatement p = c.prepareStatement(sql.transactionEnds())) {
            p.setString(1, stream.transactionTopic());
            p.setLong(2, watermark);
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    long seq = rs.getLong(1);
                    End end = ends.get(seq);
                    if (end == null) {
                        end = new End(seq, rs.getString(2), rs.getLong(3), new HashMap<>());
                        ends.put(seq, end);
                    }
                    String collection = rs.getString(4);
                    Integer dataset = collection == null ? null : datasetsByTable.get(table(collection));
                    if (dataset != null) {
                        end.expected().merge(dataset, rs.getLong(5), Long::sum);
                    }
                }
            }
        }
        return List.copyOf(ends.values());
    }

    /** A data collection is {@code schema.table}; the model names a dataset after its source table. */
    private static String table(String collection) {
        return collection.substring(collection.lastIndexOf('.') + 1);
    }

    private static Set<String> consumedBefore(Connection c, PostgresDialect sql, BatchStream stream, long watermark, Set<String> ids)
            throws SQLException {
        if (ids.isEmpty()) {
            return Set.of();
        }
        Set<String> consumed = new HashSet<>();
        try (PreparedStatement p = c.prepareStatement(sql.transactionsConsumedBefore())) {
            p.setString(1, stream.transactionTopic());
            p.setLong(2, watermark);
            Array array = c.createArrayOf("text", ids.toArray());
            p.setArray(3, array);
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    consumed.add(rs.getString(1));
                }
            }
        }
        return consumed;
    }
}
