package io.datasurface.merge.bench;

import io.datasurface.kpsg.BatchStream;
import io.datasurface.kpsg.IngestedDataset;
import io.datasurface.kpsg.IntentionGraph;
import io.datasurface.kpsg.IntentionGraphBuilder;
import io.datasurface.kpsg.PostgresNames;
import io.datasurface.load.Models;
import io.datasurface.merge.TestModel;
import io.datasurface.merge.postgres.Connector;
import io.datasurface.merge.postgres.MergeEngine;
import io.datasurface.merge.postgres.PostgresDialect;
import io.datasurface.merge.postgres.Reconciler;
import io.datasurface.model.Ecosystem;
import io.datasurface.model.KubernetesPGStarter;
import io.datasurface.testing.TestingPostgres;
import io.datasurface.yaml.ModelFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Prints the merge-worker's figures (not a timed test). On one database, for live and milestoned
 * mode and two table shapes (narrow: the test model's customers, 4 columns; wide: 8 columns of
 * bigint, varchar, decimal, date, timestamptz and text, a tenth of the texts NULL): N staged changes
 * (half updates of existing keys, 45% new keys, 5% deletes) merged into a table of N rows, against
 * the floor of writing the same N rows once, in the merge table's layout (its storage parameters
 * too), into an empty copy of the merge table with the same indexes. Then the steady state: batches of a few changes spread
 * over a table of N rows and one of L rows, in both modes (median of several batches, each on the
 * table the previous one left). The packaged command's time from process start to its first SQL is
 * {@link StartupBenchmark}'s.
 * Sizes: -Dbench.n (default 1000000), -Dbench.small (10000), -Dbench.large (10000000), -Dbench.runs
 * (batches per steady-state size, 5), -Dbench.repeat (runs of each 1M case, each on a table filled anew, 3: the
 * figures are their medians). -Dbench.only=TEXT[,TEXT...] runs only the cases whose name contains one of them.
 * Each 1M case also prints the WAL the floor and the batch wrote (far steadier than seconds, though it
 * counts the whole server's WAL), and -Dbench.perf=STEP records the server process during one step of
 * every batch.
 */
public final class MergeBenchmark {
    private static final TestingPostgres.Database DB = TestingPostgres.get().newDatabase();
    private static final List<String> LINES = new ArrayList<>();
    private static final KubernetesPGStarter.TableRetention RETENTION = new KubernetesPGStarter.TableRetention(false, false, Duration.ofDays(7));
    private static final List<String> ONLY = Arrays.stream(System.getProperty("bench.only", "").split(",")).filter(t -> !t.isEmpty()).toList();

    /**
     * A table shape: its columns, and the values of key {@code g} (an SQL expression) as first
     * written and after a change tagged {@code tag} (an SQL text literal).
     */
    private enum Shape {
        NARROW("id, name, email, balance") {
            @Override
            IntentionGraph graph(String schema, boolean milestoned) {
                return new TestModel(false, milestoned, false, false, false, false, false, false).graph(schema);
            }

            @Override
            String original(String g) {
                return g + ", 'name ' || " + g + ", 'user' || " + g + " || '@example.com', (" + g + " % 100000) / 100.0";
            }

            @Override
            String changed(String g, String tag) {
                return g + ", 'name ' || " + g + ", " + tag + " || " + g + " || '@example.com', (" + g + " % 1000) / 10.0";
            }
        },
        WIDE("id, code, customer, amount, tax, ordered_on, updated_at, note") {
            @Override
            IntentionGraph graph(String schema, boolean milestoned) {
                return wideModel(schema, milestoned);
            }

            @Override
            String original(String g) {
                return g + ", 'C' || (" + g + " % 997), 'customer ' || (" + g + " % 50000), (" + g + " % 1000000) / 100.0, (" + g
                        + " % 1000) / 10.0, date '2020-01-01' + (" + g + " % 2000)::int, timestamptz '2024-01-01 00:00:00+00' + " + g
                        + " * interval '1 second', CASE WHEN " + g + " % 10 = 0 THEN NULL ELSE repeat('note ', 1 + (" + g + " % 20)::int) || "
                        + g + " END";
            }

            @Override
            String changed(String g, String tag) {
                return g + ", 'C' || (" + g + " % 997), 'customer ' || (" + g + " % 50000), (" + g + " % 1000000) / 100.0 + 1, (" + g
                        + " % 1000) / 10.0, date '2020-01-01' + (" + g + " % 2000)::int, timestamptz '2024-06-01 00:00:00+00' + " + g
                        + " * interval '1 second', " + tag + " || ' ' || " + g;
            }
        };

        final String columns;

        Shape(String columns) {
            this.columns = columns;
        }

        abstract IntentionGraph graph(String schema, boolean milestoned);

        abstract String original(String g);

        abstract String changed(String g, String tag);

        String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private MergeBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        long n = Long.getLong("bench.n", 1_000_000);
        long small = Long.getLong("bench.small", 10_000);
        long large = Long.getLong("bench.large", 10_000_000);
        int runs = Integer.getInteger("bench.runs", 5);
        int repeats = Integer.getInteger("bench.repeat", 3);
        System.out.println("database: " + serverVersion());
        LINES.add(String.format(Locale.ROOT, "%-40s %10s %10s %10s %13s %13s %7s %-7s %12s %13s", "case", "changes", "floor s", "merge s",
                "floor rows/s", "merge rows/s", "ratio", "goal", "packed floor", "packed ratio"));
        for (Shape shape : Shape.values()) {
            againstFloor(shape, false, n, 1.5, repeats);
            againstFloor(shape, true, n, 2.5, repeats);
        }
        for (boolean milestoned : new boolean[] {false, true}) {
            String mode = milestoned ? "milestoned" : "live";
            String base = "steady " + mode + " " + small + " into ";
            if (!selected(base + n) && !selected(base + large)) {
                continue;
            }
            double intoSmall = steadyState(milestoned, small, n, runs);
            double intoLarge = steadyState(milestoned, small, large, runs);
            LINES.add(String.format(Locale.ROOT, "%-40s %10d %10s %10.3f %13s %13.0f %7s", base + n, small, "", intoSmall, "", small / intoSmall, ""));
            LINES.add(String.format(Locale.ROOT, "%-40s %10d %10s %10.3f %13s %13.0f %7.2f %s", base + large, small, "", intoLarge, "",
                    small / intoLarge, intoLarge / intoSmall, "<= 1.3 (vs the " + n + "-row table)"));
        }
        System.out.println();
        LINES.forEach(System.out::println);
        TestingPostgres.get().close();
    }

    private static boolean selected(String caseName) {
        return ONLY.isEmpty() || ONLY.stream().anyMatch(caseName::contains);
    }

    private static String serverVersion() throws SQLException {
        return "PostgreSQL " + queryText("SHOW server_version", null) + " (" + (System.getenv(TestingPostgres.URL_VARIABLE) == null ? "embedded" : "external")
                + ")";
    }

    /** The test model's platform with one store of one wide dataset, orders. */
    private static IntentionGraph wideModel(String schema, boolean milestoned) {
        Map<String, String> files = new TreeMap<>(new TestModel(false, false, false, false, false, false, false, false).files());
        files.put("zones/Main/teams/shop.yaml", """
                apiVersion: datasurface/v1
                kind: Team
                name: shop
                datastores:
                  - name: shop_db
                    location: OnPrem/DC1
                    capture: {kind: debezium, transactions: singleDataset, topicPrefix: cdc.shop_db}
                    datasets:
                      - name: orders
                        classification: internal
                        columns:
                          - {name: id, type: bigint, key: true}
                          - {name: code, type: varchar(20)}
                          - {name: customer, type: varchar(100)}
                          - {name: amount, type: "decimal(12,2)"}
                          - {name: tax, type: "decimal(12,2)"}
                          - {name: ordered_on, type: date}
                          - {name: updated_at, type: timestamptz}
                          - {name: note, type: text, nullable: true}
                workspaces:
                  - name: ops
                    platform: Test
                    groups:
                      - name: main
                        milestoning: %s
                        sinks: [{datastore: shop_db, dataset: orders}]
                """.formatted(milestoned ? "milestoned" : "liveOnly"));
        try {
            Ecosystem ecosystem = Models.loadAndLint(ModelFiles.of("bench-model", files)).requireValid();
            KubernetesPGStarter platform = (KubernetesPGStarter) ecosystem.platform("Test").orElseThrow();
            IntentionGraph graph = IntentionGraphBuilder.build(ecosystem, platform);
            return new IntentionGraph(graph.platform(), schema, graph.streams());
        } catch (Exception e) {
            throw new IllegalStateException("the benchmark's wide model does not lint clean: " + e.getMessage(), e);
        }
    }

    private record Setup(Shape shape, boolean milestoned, PostgresDialect sql, BatchStream stream, IngestedDataset d) {
        String merge() {
            return sql.table(d.mergeTable());
        }

        String staging() {
            return sql.table(d.stagingTable());
        }

        /** The system columns the merge table's layout adds to the model's, and their values for a row written once. */
        String systemColumns() {
            return ", ds_batch_id" + (milestoned ? ", dp_in" : "");
        }

        String systemValues(long batchId) {
            return ", " + batchId + (milestoned ? ", now()" : "");
        }
    }

    private static Setup setup(Shape shape, boolean milestoned, String schema) throws SQLException {
        IntentionGraph graph = shape.graph(schema, milestoned);
        PostgresDialect sql = new PostgresDialect(schema);
        try (Connection c = Connector.open(DB::connect, sql)) {
            c.setAutoCommit(false);
            Reconciler.Report report = new Reconciler(c, sql, RETENTION, Clock.systemUTC()).reconcile(graph.streams());
            if (!report.ok()) {
                throw new IllegalStateException(report.problems().toString());
            }
            c.commit();
        }
        BatchStream stream = graph.streams().get(0);
        return new Setup(shape, milestoned, sql, stream, stream.datasets().get(0));
    }

    /** Fills the merge table with keys 1..rows, in the layout the merge-worker writes. */
    private static void fill(Setup s, long rows) throws SQLException {
        long t = System.nanoTime();
        exec("CREATE TEMPORARY TABLE src AS SELECT * FROM " + s.staging() + " WITH NO DATA",
                "INSERT INTO src (" + s.shape().columns + ") SELECT " + s.shape().original("g") + " FROM generate_series(1, " + rows + ") g",
                "INSERT INTO " + s.merge() + " (" + s.shape().columns + s.systemColumns() + ") SELECT " + s.shape().columns + s.systemValues(0)
                        + " FROM src",
                "VACUUM ANALYZE " + s.merge());
        System.out.printf(Locale.ROOT, "filled %s %s with %d rows in %.1f s%n", s.shape().label(), s.milestoned() ? "milestoned" : "live", rows,
                (System.nanoTime() - t) / 1e9);
    }

    private static void stageRows(Setup s, String op, String values, String keys) throws SQLException {
        exec("INSERT INTO " + s.staging() + " (" + s.shape().columns + ", ds_op, ds_source_ts) SELECT " + values + ", '" + op + "', now() FROM "
                + keys);
    }

    /** Stages changes: half updates of keys 1..changes/2, 45% new keys after existingRows, 5% deletes of existing keys. */
    private static void stage(Setup s, long changes, long existingRows) throws SQLException {
        long updates = changes / 2;
        long inserts = changes * 45 / 100;
        long deletes = changes - updates - inserts;
        stageRows(s, "u", s.shape().changed("g", "'changed'"), "generate_series(1, " + updates + ") g");
        stageRows(s, "c", s.shape().changed("g", "'new'"), "generate_series(" + (existingRows + 1) + ", " + (existingRows + inserts) + ") g");
        stageRows(s, "d", s.shape().original("g"), "generate_series(" + (updates + 1) + ", " + (updates + deletes) + ") g");
        exec("VACUUM ANALYZE " + s.staging());
    }

    /**
     * Runs the case {@code repeats} times, each on a table filled anew, and records the medians: of
     * the floors, of the batches, and of each run's ratio (a floor and its batch are measured a few
     * seconds apart, so a run's ratio is steadier than the ratio of two medians on a busy machine).
     */
    private static void againstFloor(Shape shape, boolean milestoned, long changes, double goal, int repeats) throws Exception {
        String mode = milestoned ? "milestoned" : "live";
        String name = mode + " " + shape.label() + " " + changes + " into " + changes;
        if (!selected(name)) {
            return;
        }
        double[] floors = new double[repeats], packedFloors = new double[repeats], merges = new double[repeats];
        double[] ratios = new double[repeats], packedRatios = new double[repeats];
        for (int r = 0; r < repeats; r++) {
            Setup s = setup(shape, milestoned, "bench_" + mode + "_" + shape.label());
            fill(s, changes);
            stage(s, changes, changes);
            packedFloors[r] = floor(s, "floor_packed", false);
            String walAtFloor = walPosition();
            floors[r] = floor(s, "floor_copy", true);
            long floorWal = walBytesSince(walAtFloor);
            String walAtMerge = walPosition();
            merges[r] = timedMerge(s);
            ratios[r] = merges[r] / floors[r];
            packedRatios[r] = merges[r] / packedFloors[r];
            System.out.printf(Locale.ROOT, "  run %d: floor %.2f s, merge %.2f s, ratio %.2f; WAL: floor %.1f MB, merge %.1f MB%n", r + 1, floors[r],
                    merges[r], ratios[r], floorWal / 1e6, walBytesSince(walAtMerge) / 1e6);
            exec("DROP SCHEMA " + PostgresNames.quote(s.sql().schema()) + " CASCADE");
        }
        LINES.add(String.format(Locale.ROOT, "%-40s %10d %10.2f %10.2f %13.0f %13.0f %7.2f %-7s %12.2f %13.2f  %s", name, changes, median(floors),
                median(merges), changes / median(floors), changes / median(merges), median(ratios), "<= " + goal, median(packedFloors),
                median(packedRatios), repeats > 1 ? "runs " + ratioList(ratios) : ""));
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    private static String ratioList(double[] ratios) {
        return Arrays.stream(ratios).mapToObj(r -> String.format(Locale.ROOT, "%.2f", r)).collect(Collectors.joining(", "));
    }

    /**
     * Seconds to write the staged rows once into an empty copy of the merge table with its indexes, in
     * a session set as a batch's ({@link io.datasurface.merge.postgres.PostgresDialect#sessionSettings()}):
     * with the merge table's storage parameters (its fillfactor: the floor), or with PostgreSQL's
     * defaults, pages filled whole, which CREATE TABLE LIKE gives and which earlier runs of this
     * benchmark measured against (printed beside it, for comparison with their figures).
     */
    private static double floor(Setup s, String table, boolean mergeTableStorage) throws SQLException {
        String floor = s.sql().table(table);
        exec("CREATE TABLE " + floor + " (LIKE " + s.merge() + " INCLUDING ALL)");
        if (mergeTableStorage) {
            exec("ALTER TABLE " + floor + " SET (" + storageParameters(s.merge()) + ")");
        }
        exec("CHECKPOINT");
        double seconds;
        try (Connection c = DB.connect(); Statement statement = c.createStatement()) {
            for (String setting : s.sql().sessionSettings()) {
                statement.execute(setting);
            }
            long start = System.nanoTime();
            statement.execute("INSERT INTO " + floor + " (" + s.shape().columns + s.systemColumns() + ") SELECT " + s.shape().columns
                    + s.systemValues(1) + " FROM " + s.staging());
            seconds = (System.nanoTime() - start) / 1e9;
        }
        exec("DROP TABLE " + floor, "CHECKPOINT");
        return seconds;
    }

    private static String walPosition() throws SQLException {
        return queryText("SELECT pg_current_wal_insert_lsn()::text", null);
    }

    /** WAL written since the position, counting the CHECKPOINT records the floor writes around itself (a few hundred bytes). */
    private static long walBytesSince(String position) throws SQLException {
        return Long.parseLong(queryText("SELECT pg_wal_lsn_diff(pg_current_wal_insert_lsn(), CAST(? AS pg_lsn))::bigint::text", position));
    }

    private static String storageParameters(String quotedTable) throws SQLException {
        String parameters = queryText("SELECT array_to_string(reloptions, ', ') FROM pg_class WHERE oid = CAST(? AS regclass)", quotedTable);
        if (parameters == null) {
            throw new IllegalStateException(quotedTable + " has no storage parameters: the benchmark expects the merge table's fillfactor");
        }
        return parameters;
    }

    /** The first column of the query's one row (null if it has none), with {@code bound} bound to its parameter if not null. */
    private static String queryText(String query, String bound) throws SQLException {
        try (Connection c = DB.connect(); PreparedStatement p = c.prepareStatement(query)) {
            if (bound != null) {
                p.setString(1, bound);
            }
            try (ResultSet r = p.executeQuery()) {
                return r.next() ? r.getString(1) : null;
            }
        }
    }

    /**
     * The median time of {@code runs} batches of {@code changes} changes into a narrow table of
     * {@code tableRows} rows, each batch on the table the previous one left: updates and deletes
     * of keys spread evenly over the table (a few per page, as a real stream's are), new keys after
     * the last one.
     */
    private static double steadyState(boolean milestoned, long changes, long tableRows, int runs) throws Exception {
        Setup s = setup(Shape.NARROW, milestoned, "bench_steady_" + (milestoned ? "milestoned_" : "live_") + tableRows);
        fill(s, tableRows);
        long updates = changes / 2;
        long inserts = changes * 45 / 100;
        long deletes = changes - updates - inserts;
        long updateStride = tableRows / updates;
        long deleteStride = tableRows / deletes;
        if (updateStride < 2 * runs) {
            throw new IllegalArgumentException("the steady-state table needs at least " + 2 * runs + " rows per updated key");
        }
        double[] seconds = new double[runs];
        for (int r = 0; r < runs; r++) {
            // Update keys 1 + r + k*updateStride, delete keys 1 + r + updateStride/2 + k*deleteStride: never the same key.
            stageRows(s, "u", s.shape().changed("g", "'run" + r + "'"), "(SELECT 1 + " + r + " + k * " + updateStride + " AS g FROM generate_series(0, "
                    + (updates - 1) + ") k) g");
            stageRows(s, "c", s.shape().changed("g", "'new'"), "generate_series(" + (tableRows + r * inserts + 1) + ", " + (tableRows + (r + 1) * inserts)
                    + ") g");
            stageRows(s, "d", s.shape().original("g"), "(SELECT 1 + " + r + " + " + updateStride / 2 + " + k * " + deleteStride
                    + " AS g FROM generate_series(0, " + (deletes - 1) + ") k) g");
            exec("VACUUM ANALYZE " + s.staging(), "CHECKPOINT");
            seconds[r] = timedMerge(s);
        }
        exec("DROP SCHEMA " + PostgresNames.quote(s.sql().schema()) + " CASCADE");
        System.out.printf(Locale.ROOT, "  %s %d into %d: batches %s s%n", milestoned ? "milestoned" : "live", changes, tableRows,
                Arrays.toString(seconds));
        return median(seconds);
    }

    /** Runs one batch and prints where its time went, step by step (the hook runs before each step). */
    private static double timedMerge(Setup s) {
        List<String> steps = new ArrayList<>();
        long[] last = new long[1];
        String[] previous = {"open"};
        Process[] profiler = new Process[1];
        long[] profiling = new long[1];
        MergeEngine.Hook timing = (step, dataset, c) -> {
            long now = System.nanoTime();
            steps.add(String.format(Locale.ROOT, "%s %.2fs", previous[0], (now - last[0]) / 1e9));
            previous[0] = step.name().toLowerCase(Locale.ROOT);
            profiler[0] = profile(profiler[0], step, c, s.sql().schema());
            last[0] = System.nanoTime();
            profiling[0] += last[0] - now;
        };
        MergeEngine engine = new MergeEngine(DB::connect, s.sql(), RETENTION, Duration.ofSeconds(10), Clock.systemUTC(), timing);
        long start = System.nanoTime();
        last[0] = start;
        MergeEngine.Outcome outcome;
        try {
            outcome = engine.run(s.stream());
        } finally {
            stop(profiler[0]);
        }
        double seconds = (System.nanoTime() - start - profiling[0]) / 1e9;
        if (!(outcome instanceof MergeEngine.Merged m)) {
            throw new IllegalStateException("the merge failed: " + outcome);
        }
        steps.add(String.format(Locale.ROOT, "%s %.2fs", previous[0], (System.nanoTime() - last[0]) / 1e9));
        System.out.println("  " + m + "\n    steps: " + String.join(", ", steps));
        return seconds;
    }

    /**
     * With -Dbench.perf=STEP (a {@link MergeEngine.Step} name), records the batch's server process
     * with {@code perf record -g} from that step to the next, into target/perf-SCHEMA-MILLIS.data
     * (perf must be installed, and allowed to read the server's processes). perf's own work shares
     * the machine with the batch: figures from such a run are for the profile, not for the record.
     */
    private static Process profile(Process running, MergeEngine.Step step, Connection c, String schema) throws SQLException {
        stop(running);
        if (!step.name().equalsIgnoreCase(System.getProperty("bench.perf", ""))) {
            return null;
        }
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("SELECT pg_backend_pid()")) {
            r.next();
            Path output = Path.of("target", "perf-" + schema + "-" + Instant.now().toEpochMilli() + ".data");
            Path log = Path.of(output + ".log");
            Files.createDirectories(output.getParent());
            Process perf = new ProcessBuilder("perf", "record", "-g", "-o", output.toString(), "-p", Integer.toString(r.getInt(1)))
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            // perf takes a moment to attach; the batch's timing leaves out this wait and the profiler's stop.
            Thread.sleep(500);
            if (!perf.isAlive()) {
                throw new IllegalStateException("perf record stopped at once (exit " + perf.exitValue() + "); its output is in " + log);
            }
            return perf;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start perf", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while perf started", e);
        }
    }

    private static void stop(Process profiler) {
        if (profiler == null) {
            return;
        }
        profiler.destroy();
        try {
            profiler.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void exec(String... statements) throws SQLException {
        try (Connection c = DB.connect(); Statement s = c.createStatement()) {
            for (String statement : statements) {
                s.execute(statement);
            }
        }
    }
}
