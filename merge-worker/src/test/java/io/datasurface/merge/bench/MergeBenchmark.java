package io.datasurface.merge.bench;

import io.datasurface.kpsg.BatchStream;
import io.datasurface.kpsg.IngestedDataset;
import io.datasurface.kpsg.IntentionGraph;
import io.datasurface.kpsg.PostgresNames;
import io.datasurface.merge.TestModel;
import io.datasurface.merge.postgres.Connector;
import io.datasurface.merge.postgres.MergeEngine;
import io.datasurface.merge.postgres.PostgresDialect;
import io.datasurface.merge.postgres.Reconciler;
import io.datasurface.model.KubernetesPGStarter;
import io.datasurface.testing.TestingPostgres;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Prints the merge-worker's figures (not a timed test). On one database, for live and milestoned
 * mode: N staged changes (half updates of existing keys, 45% new keys, 5% deletes) merged into a
 * table of N rows, against the floor of writing the same N rows once, with the same hash, into an
 * empty copy of the merge table with the same indexes. Then 100k changes into a 1M-row and a
 * large-row table, and the packaged command's time from process start to its first SQL.
 * Sizes: -Dbench.n (default 1000000), -Dbench.small (100000), -Dbench.large (10000000).
 */
public final class MergeBenchmark {
    private static final TestingPostgres.Database DB = TestingPostgres.get().newDatabase();
    private static final List<String> LINES = new ArrayList<>();
    private static final KubernetesPGStarter.TableRetention RETENTION = new KubernetesPGStarter.TableRetention(false, false, Duration.ofDays(7));

    private MergeBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        long n = Long.getLong("bench.n", 1_000_000);
        long small = Long.getLong("bench.small", 100_000);
        long large = Long.getLong("bench.large", 10_000_000);
        System.out.println("database: " + serverVersion());
        LINES.add(String.format(Locale.ROOT, "%-34s %10s %10s %10s %13s %13s %7s %s", "case", "changes", "floor s", "merge s",
                "floor rows/s", "merge rows/s", "ratio", "goal"));
        againstFloor("live", new TestModel(false, false, false, false, false, false, false, false), n, n, 1.5);
        if (Boolean.getBoolean("bench.liveOnly")) {
            LINES.forEach(System.out::println);
            return;
        }
        againstFloor("milestoned", new TestModel(false, true, false, false, false, false, false, false), n, n, 2.5);
        double intoSmall = mergeOnly(new TestModel(false, false, false, false, false, false, false, false), small, n);
        double intoLarge = mergeOnly(new TestModel(false, false, false, false, false, false, false, false), small, large);
        LINES.add(String.format(Locale.ROOT, "%-34s %10d %10s %10.2f %13s %13.0f %7s", "live " + small + " into " + n, small, "", intoSmall,
                "", small / intoSmall, ""));
        LINES.add(String.format(Locale.ROOT, "%-34s %10d %10s %10.2f %13s %13.0f %7.2f %s", "live " + small + " into " + large, small, "",
                intoLarge, "", small / intoLarge, intoLarge / intoSmall, "<= 1.3 (vs the " + n + "-row table)"));
        startup();
        System.out.println();
        LINES.forEach(System.out::println);
        TestingPostgres.get().close();
    }

    private static String serverVersion() throws SQLException {
        try (Connection c = DB.connect(); Statement s = c.createStatement(); var rs = s.executeQuery("SHOW server_version")) {
            rs.next();
            return "PostgreSQL " + rs.getString(1) + " (" + (System.getenv(TestingPostgres.URL_VARIABLE) == null ? "embedded" : "external") + ")";
        }
    }

    private record Setup(PostgresDialect sql, BatchStream stream, IngestedDataset d) {
    }

    private static Setup setup(TestModel model, String schema) throws SQLException {
        IntentionGraph graph = model.graph(schema);
        PostgresDialect sql = new PostgresDialect(schema);
        try (Connection c = Connector.open(DB::connect, sql)) {
            c.setAutoCommit(false);
            Reconciler.Report report = new Reconciler(c, sql, RETENTION, Clock.systemUTC()).reconcile(graph.streams());
            if (!report.ok()) {
                throw new IllegalStateException(report.problems().toString());
            }
            c.commit();
        }
        BatchStream stream = graph.stream("shop_db.customers").orElseThrow();
        return new Setup(sql, stream, stream.datasets().get(0));
    }

    /** Fills the merge table with keys 1..rows, hashed as the merge-worker hashes them. */
    private static void fill(Setup s, long rows, boolean milestoned) throws SQLException {
        String values = "SELECT g, 'name ' || g, 'user' || g || '@example.com', (g % 100000) / 100.0 FROM generate_series(1, " + rows + ") g";
        exec("CREATE TEMPORARY TABLE src (id bigint, name varchar(50), email varchar(100), balance numeric(10,2))",
                "INSERT INTO src " + values,
                "INSERT INTO " + s.sql().table(s.d().mergeTable()) + " (id, name, email, balance, ds_all_hash, ds_batch_id"
                        + (milestoned ? ", dp_in" : "") + ") SELECT id, name, email, balance, " + PostgresDialect.rowHash(s.d())
                        + ", 0" + (milestoned ? ", now()" : "") + " FROM src",
                "VACUUM ANALYZE " + s.sql().table(s.d().mergeTable()));
    }

    /** Stages changes: half updates of keys 1..changes/2, 45% new keys after existingRows, 5% deletes of existing keys. */
    private static void stage(Setup s, long changes, long existingRows) throws SQLException {
        long updates = changes / 2;
        long inserts = changes * 45 / 100;
        long deletes = changes - updates - inserts;
        String staging = s.sql().table(s.d().stagingTable());
        String columns = " (id, name, email, balance, ds_op, ds_source_ts) ";
        exec("INSERT INTO " + staging + columns + "SELECT g, 'name ' || g, 'changed' || g || '@example.com', (g % 1000) / 10.0, 'u', now() "
                        + "FROM generate_series(1, " + updates + ") g",
                "INSERT INTO " + staging + columns + "SELECT g, 'name ' || g, 'new' || g || '@example.com', 1.00, 'c', now() "
                        + "FROM generate_series(" + (existingRows + 1) + ", " + (existingRows + inserts) + ") g",
                "INSERT INTO " + staging + columns + "SELECT g, 'name ' || g, 'user' || g || '@example.com', (g % 100000) / 100.0, 'd', now() "
                        + "FROM generate_series(" + (updates + 1) + ", " + (updates + deletes) + ") g",
                "VACUUM ANALYZE " + staging);
    }

    private static void againstFloor(String mode, TestModel model, long changes, long tableRows, double goal) throws Exception {
        boolean milestoned = model.customersMilestoned();
        Setup s = setup(model, "bench_" + mode);
        fill(s, tableRows, milestoned);
        stage(s, changes, tableRows);
        String merge = s.sql().table(s.d().mergeTable());
        String floor = s.sql().table("floor_copy");
        exec("CREATE TABLE " + floor + " (LIKE " + merge + " INCLUDING ALL)", "CHECKPOINT");
        long start = System.nanoTime();
        exec("INSERT INTO " + floor + " (id, name, email, balance, ds_all_hash, ds_batch_id" + (milestoned ? ", dp_in" : "")
                + ") SELECT id, name, email, balance, " + PostgresDialect.rowHash(s.d()) + ", 1" + (milestoned ? ", now()" : "")
                + " FROM " + s.sql().table(s.d().stagingTable()));
        double floorSeconds = (System.nanoTime() - start) / 1e9;
        exec("CHECKPOINT");
        double mergeSeconds = timedMerge(s);
        LINES.add(String.format(Locale.ROOT, "%-34s %10d %10.2f %10.2f %13.0f %13.0f %7.2f %s", mode + " " + changes + " into " + tableRows,
                changes, floorSeconds, mergeSeconds, changes / floorSeconds, changes / mergeSeconds, mergeSeconds / floorSeconds,
                "<= " + goal));
        exec("DROP SCHEMA " + PostgresNames.quote(s.sql().schema()) + " CASCADE");
    }

    private static double mergeOnly(TestModel model, long changes, long tableRows) throws Exception {
        Setup s = setup(model, "bench_into_" + tableRows);
        long t = System.nanoTime();
        fill(s, tableRows, false);
        System.out.printf(Locale.ROOT, "filled %d rows in %.1f s%n", tableRows, (System.nanoTime() - t) / 1e9);
        stage(s, changes, tableRows);
        exec("CHECKPOINT");
        double seconds = timedMerge(s);
        exec("DROP SCHEMA " + PostgresNames.quote(s.sql().schema()) + " CASCADE");
        return seconds;
    }

    /** Runs one batch and prints where its time went, step by step (the hook runs before each step). */
    private static double timedMerge(Setup s) {
        List<String> steps = new ArrayList<>();
        long[] last = {System.nanoTime()};
        String[] previous = {"open"};
        MergeEngine.Hook timing = (step, dataset, c) -> {
            long now = System.nanoTime();
            steps.add(String.format(Locale.ROOT, "%s %.2fs", previous[0], (now - last[0]) / 1e9));
            previous[0] = step.name().toLowerCase(Locale.ROOT);
            last[0] = now;
        };
        MergeEngine engine = new MergeEngine(DB::connect, s.sql(), RETENTION, Duration.ofSeconds(10), Clock.systemUTC(), timing);
        long start = System.nanoTime();
        MergeEngine.Outcome outcome = engine.run(s.stream());
        double seconds = (System.nanoTime() - start) / 1e9;
        if (!(outcome instanceof MergeEngine.Merged m)) {
            throw new IllegalStateException("the merge failed: " + outcome);
        }
        steps.add(String.format(Locale.ROOT, "%s %.2fs", previous[0], (System.nanoTime() - last[0]) / 1e9));
        System.out.println("  " + m + "\n    steps: " + String.join(", ", steps));
        return seconds;
    }

    /** The packaged merge-worker's time to its first SQL, against a bare JVM start (java -version) as the baseline. */
    private static void startup() throws Exception {
        Path jar = Path.of("merge-worker/target/quarkus-app/quarkus-run.jar");
        if (!Files.exists(jar)) {
            jar = Path.of("target/quarkus-app/quarkus-run.jar");
        }
        if (!Files.exists(jar)) {
            LINES.add("start to first SQL: skipped, build the jar first (./mvnw -B -o package -pl merge-worker -am -DskipTests)");
            return;
        }
        Path model = new TestModel(false, false, false, false, false, false, false, false).write(Files.createTempDirectory("bench-model"));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        long jvmStart = System.nanoTime();
        run(new ProcessBuilder(java, "-version"));
        double jvmMillis = (System.nanoTime() - jvmStart) / 1e6;
        Setup s = setup(new TestModel(false, false, false, false, false, false, false, false), "test");
        ProcessBuilder pb = new ProcessBuilder(java, "-jar", jar.toString(), "merge", "--model", model.toString(), "--platform", "Test",
                "--stream", s.stream().key());
        pb.environment().put("DATASURFACE_JDBC_URL", DB.jdbcUrl());
        pb.environment().put("PG_MAIN_USER", DB.user());
        pb.environment().put("PG_MAIN_PASSWORD", DB.password());
        pb.environment().put("DATASURFACE_KAFKA_BOOTSTRAP_SERVERS", "none");
        long start = System.nanoTime();
        String output = run(pb);
        double totalMillis = (System.nanoTime() - start) / 1e6;
        Matcher m = Pattern.compile("connected to PostgreSQL (\\d+) ms after process start").matcher(output);
        String first = m.find() ? m.group(1) : "?";
        LINES.add(String.format(Locale.ROOT, "start to first SQL: %s ms (whole merge run with nothing to merge %.0f ms); "
                + "bare JVM start (java -version) %.0f ms, ratio %.1f", first, totalMillis, jvmMillis,
                first.equals("?") ? Double.NaN : Double.parseDouble(first) / jvmMillis));
    }

    private static String run(ProcessBuilder pb) throws Exception {
        Process p = pb.redirectErrorStream(true).start();
        StringBuilder out = new StringBuilder();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            r.lines().forEach(l -> out.append(l).append('\n'));
        }
        p.waitFor();
        return out.toString();
    }

    private static void exec(String... statements) throws SQLException {
        try (Connection c = DB.connect(); Statement s = c.createStatement()) {
            for (String statement : statements) {
                s.execute(statement);
            }
        }
    }
}
