package io.datasurface.local;

import io.datasurface.kpsg.IngestedDataset;
import io.datasurface.kpsg.MappedColumn;
import io.datasurface.kpsg.PostgresNames;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.function.BooleanSupplier;

/**
 * A producer's traffic on the source databases: inserts, updates and deletes in committed
 * transactions, on every dataset of the platform; on a store whose datasets merge together, half
 * the transactions change all of its tables at once. It remembers every committed state of every
 * row, so that a test can replay them against a milestoned merge table's history.
 */
public final class Workload implements AutoCloseable {
    /** What was written so far. */
    public record Counts(long transactions, long inserts, long updates, long deletes) {
        public long changes() {
            return inserts + updates + deletes;
        }
    }

    private final List<SourceDatabases.Source> sources;
    private final Map<String, Connection> connections = new HashMap<>();
    private final Random random;
    private final Map<IngestedDataset, Table> tables = new LinkedHashMap<>();
    private long transactions;
    private long inserts;
    private long updates;
    private long deletes;

    /** The keys of one source table as the workload left them, and every state each key was committed in. */
    private static final class Table {
        final Map<List<Object>, List<Optional<List<Object>>>> states = new LinkedHashMap<>();
        final List<List<Object>> keys = new ArrayList<>();
        long nextKey = 1;
    }

    public Workload(SourceDatabases sources, long seed) throws SQLException {
        this.sources = sources.sources();
        this.random = new Random(seed);
        for (SourceDatabases.Source source : this.sources) {
            Connection c = source.database().connect();
            c.setAutoCommit(false);
            connections.put(source.datastore(), c);
            source.datasets().forEach(d -> tables.put(d, new Table()));
        }
    }

    /** Writes one source transaction and commits it. */
    public synchronized void transaction() throws SQLException {
        SourceDatabases.Source source = sources.get(random.nextInt(sources.size()));
        Connection c = connections.get(source.datastore());
        Map<IngestedDataset, Map<List<Object>, Optional<List<Object>>>> written = new LinkedHashMap<>();
        try {
            if (source.datasets().size() > 1 && random.nextBoolean()) {
                for (IngestedDataset d : source.datasets()) {
                    change(c, d, written);
                }
            } else {
                IngestedDataset d = source.datasets().get(random.nextInt(source.datasets().size()));
                for (int i = 1 + random.nextInt(3); i > 0; i--) {
                    change(c, d, written);
                }
            }
            c.commit();
        } catch (SQLException e) {
            c.rollback();
            throw e;
        }
        transactions++;
        // Only now is the state committed: what a reader of the source can see.
        written.forEach((d, rows) -> rows.forEach((key, row) -> {
            tables.get(d).states.computeIfAbsent(key, k -> new ArrayList<>()).add(row);
        }));
    }

    /** Transactions at about {@code perSecond} until {@code duration} passed or {@code stop} says so. */
    public void run(double perSecond, Duration duration, BooleanSupplier stop) throws SQLException, InterruptedException {
        long start = System.nanoTime();
        long end = start + duration.toNanos();
        long n = 0;
        while (System.nanoTime() < end && !stop.getAsBoolean()) {
            transaction();
            n++;
            long due = start + (long) (n * 1e9 / perSecond);
            long wait = due - System.nanoTime();
            if (wait > 0) {
                Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
            }
        }
    }

    private void change(Connection c, IngestedDataset d, Map<IngestedDataset, Map<List<Object>, Optional<List<Object>>>> written)
            throws SQLException {
        Table t = tables.get(d);
        Map<List<Object>, Optional<List<Object>>> rows = written.computeIfAbsent(d, x -> new LinkedHashMap<>());
        int dice = random.nextInt(10);
        if (t.keys.isEmpty() || dice < 5) {
            List<Object> row = new ArrayList<>();
            long n = t.nextKey++;
            for (MappedColumn col : d.columns()) {
                row.add(col.primaryKey() ? ColumnValues.key(col, n) : ColumnValues.random(col, random));
            }
            insert(c, d, row);
            List<Object> key = TypedRows.key(d, row);
            t.keys.add(key);
            rows.put(key, Optional.of(row));
            inserts++;
            return;
        }
        int index = random.nextInt(t.keys.size());
        List<Object> key = t.keys.get(index);
        if (dice < 8) {
            List<Object> row = new ArrayList<>();
            int k = 0;
            for (MappedColumn col : d.columns()) {
                row.add(col.primaryKey() ? key.get(k++) : ColumnValues.random(col, random));
            }
            update(c, d, row, key);
            rows.put(key, Optional.of(row));
            updates++;
        } else {
            delete(c, d, key);
            t.keys.remove(index);
            rows.put(key, Optional.empty());
            deletes++;
        }
    }

    private static void insert(Connection c, IngestedDataset d, List<Object> row) throws SQLException {
        String columns = String.join(", ", d.columns().stream().map(col -> PostgresNames.quote(col.column().name())).toList());
        String marks = String.join(", ", d.columns().stream().map(col -> "?").toList());
        try (PreparedStatement p = c.prepareStatement("INSERT INTO " + SourceDatabases.table(d) + " (" + columns + ") VALUES (" + marks + ")")) {
            for (int i = 0; i < row.size(); i++) {
                ColumnValues.bind(p, i + 1, d.columns().get(i), row.get(i));
            }
            p.executeUpdate();
        }
    }

    private static void update(Connection c, IngestedDataset d, List<Object> row, List<Object> key) throws SQLException {
        List<MappedColumn> values = d.nonKeyColumns();
        String set = String.join(", ", values.stream().map(col -> PostgresNames.quote(col.column().name()) + " = ?").toList());
        try (PreparedStatement p = c.prepareStatement("UPDATE " + SourceDatabases.table(d) + " SET " + set + " WHERE " + keyMatch(d))) {
            int i = 1;
            for (int col = 0; col < d.columns().size(); col++) {
                if (!d.columns().get(col).primaryKey()) {
                    ColumnValues.bind(p, i++, d.columns().get(col), row.get(col));
                }
            }
            bindKey(p, i, d, key);
            p.executeUpdate();
        }
    }

    private static void delete(Connection c, IngestedDataset d, List<Object> key) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("DELETE FROM " + SourceDatabases.table(d) + " WHERE " + keyMatch(d))) {
            bindKey(p, 1, d, key);
            p.executeUpdate();
        }
    }

    private static String keyMatch(IngestedDataset d) {
        return String.join(" AND ", d.keyColumns().stream().map(col -> PostgresNames.quote(col.column().name()) + " = ?").toList());
    }

    private static void bindKey(PreparedStatement p, int first, IngestedDataset d, List<Object> key) throws SQLException {
        List<MappedColumn> keyColumns = d.keyColumns();
        for (int k = 0; k < keyColumns.size(); k++) {
            ColumnValues.bind(p, first + k, keyColumns.get(k), key.get(k));
        }
    }

    public synchronized Counts counts() {
        return new Counts(transactions, inserts, updates, deletes);
    }

    /** Every committed state of every key of the dataset, oldest first; empty for a delete. Values as the producer wrote them. */
    public synchronized Map<List<Object>, List<Optional<List<Object>>>> states(IngestedDataset d) {
        Map<List<Object>, List<Optional<List<Object>>>> copy = new LinkedHashMap<>();
        tables.get(d).states.forEach((k, v) -> copy.put(k, List.copyOf(v)));
        return copy;
    }

    @Override
    public synchronized void close() throws SQLException {
        for (Connection c : connections.values()) {
            c.close();
        }
    }
}
