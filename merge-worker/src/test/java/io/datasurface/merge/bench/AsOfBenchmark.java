package io.datasurface.merge.bench;

import io.datasurface.kpsg.IngestedDataset;
import io.datasurface.kpsg.IntentionGraph;
import io.datasurface.kpsg.WorkspaceSchema;
import io.datasurface.merge.TestModel;
import io.datasurface.merge.postgres.Connector;
import io.datasurface.merge.postgres.PostgresDialect;
import io.datasurface.merge.postgres.Reconciler;
import io.datasurface.model.KubernetesPGStarter;
import io.datasurface.testing.TestingPostgres;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * A read as of a time on a milestoned history through a workspace's as-of function, beside the same
 * read as a full scan of the history view, on a history of {@code -Dkeys} keys with {@code -Dversions}
 * versions each (default 1,000,000 x 10 = 10M rows). Prints figures; not a test.
 */
public final class AsOfBenchmark {
    private static final TestingPostgres.Database DB = TestingPostgres.get().newDatabase();
    /** account_no is char(6): at most a million keys. */
    private static final long KEYS = Math.min(Long.getLong("keys", 1_000_000), 1_000_000);
    private static final int VERSIONS = Integer.getInteger("versions", 10);
    private static final int RUNS = 7;

    private AsOfBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        String schema = "bench_asof";
        TestModel model = TestModel.standard();
        IntentionGraph graph = model.graph(schema);
        List<WorkspaceSchema> workspaces = model.workspaces(schema);
        PostgresDialect sql = new PostgresDialect(schema);
        try (Connection c = Connector.open(DB::connect, sql)) {
            c.setAutoCommit(false);
            new Reconciler(c, sql, new KubernetesPGStarter.TableRetention(false, false, Duration.ofDays(7)), Clock.systemUTC(), workspaces)
                    .reconcile(graph.streams());
            c.commit();
        }
        IngestedDataset accounts = graph.datasets().stream().filter(d -> d.name().equals("accounts")).findFirst().orElseThrow();
        WorkspaceSchema history = workspaces.stream().filter(w -> w.workspace().equals("history")).findFirst().orElseThrow();
        WorkspaceSchema.History views = history.views().stream().filter(v -> v.dataset().equals(accounts)).findFirst().orElseThrow()
                .history().orElseThrow();
        long start = System.nanoTime();
        try (Connection c = DB.connect(); Statement s = c.createStatement()) {
            // Version v of key k is live from day v to day v + 1 (the last one still live), from 2026-01-01.
            s.execute("INSERT INTO " + sql.table(accounts.mergeTable()) + " (account_no, owner, ds_batch_id, dp_in, dp_out) "
                    + "SELECT lpad(k::text, 6, '0'), 'owner ' || v, v, timestamptz '2026-01-01' + v * interval '1 day', "
                    + "CASE WHEN v < " + VERSIONS + " THEN timestamptz '2026-01-01' + (v + 1) * interval '1 day' END "
                    + "FROM generate_series(0, " + (KEYS - 1) + ") k, generate_series(1, " + VERSIONS + ") v");
            s.execute("VACUUM ANALYZE " + sql.table(accounts.mergeTable()));
        }
        System.out.printf(Locale.ROOT, "history: %,d keys x %d versions = %,d rows, loaded and indexed in %.1f s%n", KEYS, VERSIONS, KEYS * VERSIONS,
                (System.nanoTime() - start) / 1e9);
        String at = "timestamptz '2026-01-01' + " + (VERSIONS / 2) + " * interval '1 day' + interval '12 hours'";
        String fn = "\"" + history.schema() + "\".\"" + views.asOfFunction() + "\"";
        String view = "\"" + history.schema() + "\".\"" + views.view() + "\"";
        String keyRange = " WHERE account_no BETWEEN '000100' AND '000199'";
        measure("as-of, 100 keys (function, index)", "SELECT count(*) FROM " + fn + "(" + at + ")" + keyRange, null);
        measure("as-of, 100 keys (full scan of the view)", "SELECT count(*) FROM " + view + keyRange + " AND dp_in <= " + at
                + " AND (dp_out IS NULL OR dp_out > " + at + ")", "SET enable_indexscan = off; SET enable_bitmapscan = off");
        measure("as-of, every key (function)", "SELECT count(*) FROM " + fn + "(" + at + ")", null);
        measure("as-of, every key (full scan of the view)", "SELECT count(*) FROM " + view + " WHERE dp_in <= " + at
                + " AND (dp_out IS NULL OR dp_out > " + at + ")", "SET enable_indexscan = off; SET enable_bitmapscan = off");
        try (Connection c = DB.connect(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("EXPLAIN (ANALYZE, BUFFERS) SELECT count(*) FROM " + fn + "(" + at + ")" + keyRange)) {
            System.out.println("\nplan of the 100-key as-of read:");
            while (rs.next()) {
                System.out.println("  " + rs.getString(1));
            }
        }
        TestingPostgres.get().close();
    }

    private static void measure(String label, String query, String settings) throws SQLException {
        List<Double> millis = new ArrayList<>();
        long rows = 0;
        try (Connection c = DB.connect(); Statement s = c.createStatement()) {
            if (settings != null) {
                for (String setting : settings.split("; ")) {
                    s.execute(setting);
                }
            }
            for (int i = 0; i < RUNS; i++) {
                long t = System.nanoTime();
                try (ResultSet rs = s.executeQuery(query)) {
                    rs.next();
                    rows = rs.getLong(1);
                }
                millis.add((System.nanoTime() - t) / 1e6);
            }
        }
        Collections.sort(millis);
        System.out.printf(Locale.ROOT, "%-42s %,10d rows  median %9.1f ms  (min %.1f, %d runs)%n", label, rows, millis.get(RUNS / 2), millis.get(0), RUNS);
    }
}
