package io.datasurface.merge.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import io.datasurface.kpsg.BatchStream;
import io.datasurface.kpsg.IngestedDataset;
import io.datasurface.kpsg.IntentionGraph;
import io.datasurface.kpsg.WorkspaceSchema;
import io.datasurface.kpsg.MappedColumn;
import io.datasurface.kpsg.PostgresNames;
import io.datasurface.merge.TestModel;
import io.datasurface.model.Milestoning;
import io.datasurface.testing.TestingPostgres;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

/** A schema of its own on the JVM's test PostgreSQL, the test model's graph in it, and helpers to stage and read rows. */
final class MergeFixture {
    static final TestingPostgres.Database DB = TestingPostgres.get().newDatabase();
    static final String CUSTOMERS = "shop_db.customers";
    static final String LEDGER = "ledger_db";

    final String schema = "t_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    final PostgresDialect sql = new PostgresDialect(schema);
    IntentionGraph graph;
    List<WorkspaceSchema> workspaces;

    /** Reconciles at once: the tables exist before the Kafka Connect sink writes staging rows. */
    MergeFixture(TestModel model) {
        this.graph = model.graph(schema);
        this.workspaces = model.workspaces(schema);
        try {
            assertThat(reconcile().problems()).isEmpty();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    void model(TestModel model) {
        this.graph = model.graph(schema);
        this.workspaces = model.workspaces(schema);
    }

    BatchStream stream(String key) {
        return graph.stream(key).orElseThrow();
    }

    IngestedDataset dataset(String name) {
        return graph.datasets().stream().filter(d -> d.name().equals(name)).findFirst().orElseThrow();
    }

    MergeEngine engine(MergeEngine.Hook hook) {
        return engine(hook, Duration.ofMillis(300));
    }

    /** An engine whose run waits up to {@code lockWait} for another run of its stream. */
    MergeEngine engine(MergeEngine.Hook hook, Duration lockWait) {
        return engine(DB::connect, hook, lockWait);
    }

    /** An engine connecting through {@code connector} instead of straight to the test database. */
    MergeEngine engine(Connector connector) {
        return engine(connector, MergeEngine.Hook.NONE, Duration.ofMillis(300));
    }

    private MergeEngine engine(Connector connector, MergeEngine.Hook hook, Duration lockWait) {
        return new MergeEngine(connector, sql, graph.platform().retention(), workspaces, lockWait, Clock.systemUTC(), hook);
    }

    MergeEngine.Outcome merge(String stream, MergeEngine.Hook hook) {
        return engine(hook).run(stream(stream));
    }

    MergeEngine.Merged merge(String stream) {
        MergeEngine.Outcome outcome = merge(stream, MergeEngine.Hook.NONE);
        assertThat(outcome).isInstanceOf(MergeEngine.Merged.class);
        return (MergeEngine.Merged) outcome;
    }

    Reconciler.Report reconcile() throws SQLException {
        try (Connection c = Connector.open(DB::connect, sql)) {
            c.setAutoCommit(false);
            Reconciler.Report report = new Reconciler(c, sql, graph.platform().retention(), Clock.systemUTC(), workspaces)
                    .reconcile(graph.streams());
            c.commit();
            return report;
        }
    }

    UnusedTables.Plan unusedPlan(Instant now) throws SQLException {
        try (Connection c = Connector.open(DB::connect, sql)) {
            return new UnusedTables(c, sql).plan(graph, now);
        }
    }

    List<String> removeUnused(Instant now) throws SQLException {
        try (Connection c = Connector.open(DB::connect, sql)) {
            c.setAutoCommit(false);
            UnusedTables tables = new UnusedTables(c, sql);
            List<String> removed = tables.apply(graph, tables.plan(graph, now), now);
            c.commit();
            return removed;
        }
    }

    void customer(String op, long id, String name, String email, String balance) {
        stage(dataset("customers"), op, id, name, email, balance == null ? null : new BigDecimal(balance));
    }

    void account(String op, String accountNo, String owner) {
        stage(dataset("accounts"), op, accountNo, owner);
    }

    /**
     * Merges account A1 with each owner in turn, one batch each (created, then updated), and returns
     * when the first version became live.
     */
    String accountA1History(String... owners) throws Exception {
        String first = null;
        for (String owner : owners) {
            account(first == null ? "c" : "u", "A1", owner);
            merge(LEDGER);
            if (first == null) {
                first = strings("SELECT max(dp_in)::text FROM " + mergeTable("accounts")).get(0);
            }
        }
        return first;
    }

    void entry(String op, Long id, String accountNo, String amount, String memo) {
        stage(dataset("entries"), op, id, accountNo, amount == null ? null : new BigDecimal(amount),
                Timestamp.from(Instant.parse("2026-01-02T03:04:05Z")), memo);
    }

    /** Inserts one staging row as the Kafka Connect sink would: the dataset's columns, the op and the source time. */
    void stage(IngestedDataset d, String op, Object... values) {
        try (Connection c = DB.connect()) {
            stage(c, d, op, values);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    void stage(Connection c, IngestedDataset d, String op, Object... values) throws SQLException {
        stage(c, d, null, op, values);
    }

    /** Inserts one staging row of source transaction {@code transaction}, as the sink writes it from an event with transaction metadata. */
    void stageInTransaction(String transaction, String datasetName, String op, Object... values) {
        try (Connection c = DB.connect()) {
            stage(c, dataset(datasetName), transaction, op, values);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private void stage(Connection c, IngestedDataset d, String transaction, String op, Object... values) throws SQLException {
        List<String> columns = new ArrayList<>(d.columns().stream().map(MappedColumn::name).toList().subList(0, values.length));
        columns.add("ds_op");
        columns.add("ds_tx_id");
        columns.add("ds_source_ts");
        String insert = "INSERT INTO " + sql.table(d.stagingTable()) + " (" + columns.stream().map(PostgresNames::quote)
                .collect(Collectors.joining(", ")) + ") VALUES (" + "?, ".repeat(values.length) + "?, ?, now())";
        try (PreparedStatement p = c.prepareStatement(insert)) {
            for (int i = 0; i < values.length; i++) {
                p.setObject(i + 1, values[i]);
            }
            p.setString(values.length + 1, op);
            // Debezium PostgreSQL's id: the xid, and the LSN where the transaction began.
            p.setString(values.length + 2, transaction == null ? null : transaction + ":1000");
            p.executeUpdate();
        }
    }

    /**
     * Writes a transaction record as the rendered sink writes Debezium's: the record's JSON with its
     * schema envelope, on the transaction topic of the stream's store. {@code counts} alternates
     * source table names ({@code public.accounts}) and the changes the END record counts for them.
     */
    void transactionRecord(String stream, String status, String transaction, Object... counts) {
        StringBuilder collections = new StringBuilder();
        long total = 0;
        for (int i = 0; i < counts.length; i += 2) {
            collections.append(i == 0 ? "" : ",").append("{\"data_collection\":\"").append(counts[i]).append("\",\"event_count\":")
                    .append(counts[i + 1]).append('}');
            total += ((Number) counts[i + 1]).longValue();
        }
        // The END record's id ends with the commit's LSN, not the beginning's the changes carry.
        String id = transaction + (status.equals("END") ? ":1900" : ":1000");
        String payload = "{\"status\":\"" + status + "\",\"id\":\"" + id + "\",\"event_count\":"
                + (status.equals("END") ? total : "null") + ",\"data_collections\":" + (status.equals("END") ? "[" + collections + "]" : "null")
                + ",\"ts_ms\":1764400000000}";
        String record = "{\"schema\":{\"type\":\"struct\",\"optional\":false,\"name\":\"io.debezium.connector.common.TransactionMetadataValue\"},"
                + "\"payload\":" + payload + "}";
        try (Connection c = DB.connect(); PreparedStatement p = c.prepareStatement("INSERT INTO " + sql.table("ds_transactions")
                + " (ds_topic, ds_record) VALUES (?, ?)")) {
            p.setString(1, stream(stream).transactionTopic());
            p.setString(2, record);
            p.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Runs a batch of the stream whose incomplete source transactions wait at most {@code transactionWait}. */
    MergeEngine.Merged merge(String stream, Duration transactionWait) {
        MergeEngine.Outcome outcome = new MergeEngine(DB::connect, sql, graph.platform().retention(), workspaces, Duration.ofMillis(300),
                transactionWait, Clock.systemUTC(), MergeEngine.Hook.NONE).run(stream(stream));
        assertThat(outcome).isInstanceOf(MergeEngine.Merged.class);
        return (MergeEngine.Merged) outcome;
    }

    /**
     * The merge table as text, one row a line, ordered by key (and version): the dataset's
     * columns separated by '|', then 'live' or 'closed' for milestoned tables.
     */
    List<String> rows(String datasetName) {
        IngestedDataset d = dataset(datasetName);
        boolean milestoned = graph.streams().stream().filter(s -> s.datasets().contains(d)).findFirst().orElseThrow()
                .milestoning() == Milestoning.MILESTONED;
        String columns = d.columns().stream().map(c -> "coalesce(" + PostgresNames.quote(c.name()) + "::text, 'NULL')")
                .collect(Collectors.joining(" || '|' || "));
        String keys = d.keyColumns().stream().map(c -> PostgresNames.quote(c.name())).collect(Collectors.joining(", "));
        String query = "SELECT " + columns + (milestoned ? " || CASE WHEN dp_out IS NULL THEN '|live' ELSE '|closed' END" : "")
                + " FROM " + sql.table(d.mergeTable()) + " ORDER BY " + keys + (milestoned ? ", dp_in" : "");
        return strings(query);
    }

    long count(String query) {
        return Long.parseLong(strings(query).get(0));
    }

    List<String> strings(String query) {
        List<String> out = new ArrayList<>();
        try (Connection c = DB.connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(query)) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        } catch (SQLException e) {
            throw new IllegalStateException(query + ": " + e.getMessage(), e);
        }
        return out;
    }

    void execute(String sqlText) {
        DB.execute(sqlText);
    }

    String stagingTable(String datasetName) {
        return sql.table(dataset(datasetName).stagingTable());
    }

    String mergeTable(String datasetName) {
        return sql.table(dataset(datasetName).mergeTable());
    }

    String metrics() {
        return sql.table("ds_job_metrics");
    }
}
