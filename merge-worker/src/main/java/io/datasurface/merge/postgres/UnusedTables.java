package io.datasurface.merge.postgres;

import static java.util.Objects.requireNonNull;

import io.datasurface.kpsg.IngestedDataset;
import io.datasurface.kpsg.IntentionGraph;
import io.datasurface.kpsg.PostgresNames;
import io.datasurface.kpsg.Removal;
import io.datasurface.kpsg.TableKind;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Finds the tables DataSurface created (its registry) that no batch-stream of the current graph
 * uses, and removes those unused for longer than the platform's grace period, by dropping them or
 * moving them into the archive schema. Nothing outside the registry is ever touched.
 */
public final class UnusedTables {
    static final DateTimeFormatter ARCHIVE_STAMP = DateTimeFormatter.ofPattern("yyyyMMddHHmmss").withZone(ZoneOffset.UTC);

    /** What happens to an unused table. */
    public enum Decision {
        /** Unused for longer than the grace period. */
        REMOVE,
        /** Unused, but the grace period has not passed: reverting the model now loses nothing. */
        KEEP,
        /** Registered, but no longer in the schema (removed by hand): only the registry is updated. */
        GONE
    }

    /** One registered table no batch-stream uses. */
    public record Unused(String table, TableKind kind, String stream, String dataset, Instant lastUsedAt, Instant removableAfter,
            Decision decision) {
        public Unused {
            requireNonNull(table, "table is null");
            requireNonNull(kind, "kind is null");
            requireNonNull(stream, "stream is null");
            requireNonNull(dataset, "dataset is null");
            requireNonNull(lastUsedAt, "lastUsedAt is null");
            requireNonNull(removableAfter, "removableAfter is null");
            requireNonNull(decision, "decision is null");
        }
    }

    public record Plan(String schema, Duration gracePeriod, boolean archive, String archiveSchema, List<Unused> tables) {
        public Plan {
            requireNonNull(schema, "schema is null");
            requireNonNull(gracePeriod, "gracePeriod is null");
            requireNonNull(archiveSchema, "archiveSchema is null");
            tables = List.copyOf(requireNonNull(tables, "tables is null"));
        }

        public List<Unused> toRemove() {
            return tables.stream().filter(t -> t.decision() == Decision.REMOVE).toList();
        }
    }

    private final Connection connection;
    private final PostgresDialect sql;

    public UnusedTables(Connection connection, PostgresDialect sql) {
        this.connection = requireNonNull(connection, "connection is null");
        this.sql = requireNonNull(sql, "sql is null");
    }

    /** The registered tables the graph does not use, as of {@code now}. An empty plan when nothing was ever registered. */
    public Plan plan(IntentionGraph graph, Instant now) throws SQLException {
        Duration grace = graph.platform().retention().unusedTableGracePeriod();
        boolean archive = graph.platform().retention().archiveRemovedTables();
        Set<String> used = new HashSet<>();
        for (IngestedDataset d : graph.datasets()) {
            used.add(d.stagingTable());
            used.add(d.mergeTable());
            used.add(d.stagingArchiveTable());
        }
        List<Unused> unused = new ArrayList<>();
        if (!registryExists()) {
            return new Plan(sql.schema(), grace, archive, sql.archiveSchema(), unused);
        }
        try (PreparedStatement p = connection.prepareStatement(sql.registeredTables())) {
            p.setString(1, sql.schema());
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    String table = rs.getString(1);
                    if (used.contains(table)) {
                        continue;
                    }
                    Instant lastUsed = rs.getTimestamp(5).toInstant();
                    Instant removableAfter = lastUsed.plus(grace);
                    Decision decision = !rs.getBoolean(6) ? Decision.GONE : now.isBefore(removableAfter) ? Decision.KEEP : Decision.REMOVE;
                    unused.add(new Unused(table, TableKind.of(rs.getString(2)), rs.getString(3), rs.getString(4), lastUsed, removableAfter, decision));
                }
            }
        }
        return new Plan(sql.schema(), grace, archive, sql.archiveSchema(), unused);
    }

    /**
     * Notes the tables the graph still uses, removes the plan's tables due for removal and records
     * each removal in the registry, in the caller's transaction. Answers the removed tables,
     * schema-qualified as they were.
     */
    public List<String> apply(IntentionGraph graph, Plan plan, Instant now) throws SQLException {
        List<String> removed = new ArrayList<>();
        if (!registryExists()) {
            return removed;
        }
        try (PreparedStatement lock = connection.prepareStatement(sql.advisoryLock())) {
            lock.setString(1, sql.ddlLockName());
            lock.execute();
        }
        Reconciler.markUsed(connection, sql, graph.datasets());
        try (Statement s = connection.createStatement()) {
            if (plan.archive() && !plan.toRemove().isEmpty()) {
                s.execute(sql.createSchema(plan.archiveSchema()));
            }
            for (Unused t : plan.tables()) {
                Removal removal;
                if (t.decision() == Decision.GONE) {
                    removal = new Removal.Missing();
                } else if (t.decision() == Decision.REMOVE && plan.archive()) {
                    String archived = PostgresNames.fit(t.table(), "_" + ARCHIVE_STAMP.format(now), t.table() + "@" + now);
                    for (String statement : sql.moveToArchive(t.table(), archived)) {
                        s.execute(statement);
                    }
                    removal = new Removal.Archived(plan.archiveSchema(), archived);
                    removed.add(plan.schema() + "." + t.table());
                } else if (t.decision() == Decision.REMOVE) {
                    s.execute(sql.dropTable(t.table()));
                    removal = new Removal.Dropped();
                    removed.add(plan.schema() + "." + t.table());
                } else {
                    continue;
                }
                try (PreparedStatement p = connection.prepareStatement(sql.recordRemoval())) {
                    p.setString(1, removal.value());
                    p.setString(2, t.table());
                    p.executeUpdate();
                }
            }
        }
        return removed;
    }

    private boolean registryExists() throws SQLException {
        try (PreparedStatement p = connection.prepareStatement(sql.registryExists())) {
            p.setString(1, sql.schema());
            try (ResultSet rs = p.executeQuery()) {
                return rs.next() && rs.getBoolean(1);
            }
        }
    }
}
