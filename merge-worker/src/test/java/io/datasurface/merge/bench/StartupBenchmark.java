package io.datasurface.merge.bench;

import io.datasurface.bench.LoadLintBenchmark;
import io.datasurface.kpsg.IntentionGraph;
import io.datasurface.kpsg.graphfile.GraphFile;
import io.datasurface.kpsg.graphfile.GraphFiles;
import io.datasurface.load.PlatformResolver;
import io.datasurface.model.Ecosystem;
import io.datasurface.testing.BenchMachine;
import io.datasurface.testing.TestingPostgres;
import io.datasurface.yaml.ModelWriter;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The packaged merge-worker's time from process start to its first SQL (the log line "connected to PostgreSQL N ms after
 * process start"), in a child JVM as the pod runs it, for the example model (examples/acme) and for a generated model of 40,000
 * datasets (1,000 stores x 40 datasets x 20 columns, LoadLintBenchmark's), each read from the graph file the DAG names
 * and, as the baseline in the same run, from the model folder (load and lint). A bare JVM start (java -version) is
 * printed beside them. The graph file is also run with the JVM options of a job pod (C1 only, serial collector) and,
 * when the build made its AppCDS archive ({@code target/quarkus-app/app-cds.jsa}), with those and the archive. The
 * variants run round by round; the time is taken by this process when the child's log line arrives.
 *
 * <pre>
 * ./mvnw -B -q -pl merge-worker -am package -DskipTests     # the packaged merge-worker (and its AppCDS archive)
 * ./mvnw -B -q -pl merge-worker test-compile dependency:build-classpath -Dmdep.outputFile=/tmp/merge-cp.txt -Dmdep.includeScope=test
 * java -Djava.util.logging.manager=org.jboss.logmanager.LogManager \
 *   -cp merge-worker/target/test-classes:merge-worker/target/classes:$(cat /tmp/merge-cp.txt) \
 *   io.datasurface.merge.bench.StartupBenchmark              # -Druns=3; DATASURFACE_TEST_PG_URL for an existing PostgreSQL
 * </pre>
 */
public final class StartupBenchmark {
    private static final int RUNS = Integer.getInteger("runs", 3);
    private static final String COMMIT = "9fceb02d0ae598e95dc970b74767f19372d61af8";
    /** What the pod's JVM runs with for a short job: the C1 compiler only and the serial collector. */
    private static final List<String> SHORT_RUN = List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC");
    private static final Pattern FIRST_SQL = Pattern.compile("connected to PostgreSQL (\\d+) ms after process start");

    private StartupBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path app = (Files.exists(Path.of("merge-worker/target/quarkus-app/quarkus-run.jar")) ? Path.of("merge-worker/target/quarkus-app")
                : Path.of("target/quarkus-app")).toAbsolutePath();
        if (!Files.exists(app.resolve("quarkus-run.jar"))) {
            System.out.println("build the jar first: ./mvnw -B -o package -pl merge-worker -am -DskipTests");
            System.exit(2);
        }
        Path archive = app.resolve("app-cds.jsa");
        TestingPostgres.Database db = TestingPostgres.get().newDatabase();
        Path work = Files.createTempDirectory("startup-bench");

        Path exampleModel = Path.of("examples/acme").toAbsolutePath();
        if (!Files.isDirectory(exampleModel)) {
            exampleModel = Path.of("../examples/acme").toAbsolutePath().normalize();
        }
        Ecosystem generated = LoadLintBenchmark.generate();
        Path bigModel = work.resolve("model-40k");
        ModelWriter.write(generated, bigModel);

        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> lines = new ArrayList<>();
        double bare = median(RUNS, () -> timed(new ProcessBuilder(java, "-version")));
        lines.add(String.format(Locale.ROOT, "bare JVM start (java -version): %.0f ms", bare));

        List<Variant> variants = new ArrayList<>();
        for (Case c : List.of(new Case("example (examples/acme)", exampleModel, "Prod"), new Case("40,000 datasets", bigModel, "Prod"))) {
            IntentionGraph graph = PlatformResolver.resolve(c.model(), c.platform()).graph();
            Path graphFile = work.resolve(c.model().getFileName() + "-" + GraphFiles.path(graph.schema()).replace('/', '-'));
            Files.writeString(graphFile, GraphFiles.toJson(new GraphFile(COMMIT, graph)));
            String stream = graph.streams().get(0).key();
            List<String> common = List.of("merge", "--platform", c.platform(), "--stream", stream);
            List<String> fromGraph = concat(common, List.of("--graph", graphFile.toString(), "--commit", COMMIT));
            List<String> fromModel = concat(common, List.of("--model", c.model().toString()));
            lines.add(String.format(Locale.ROOT, "%s: %d stream(s), %d dataset(s); model %.1f MB of YAML, graph file %.1f MB", c.name(),
                    graph.streams().size(), graph.datasets().size(), size(c.model()) / 1e6, Files.size(graphFile) / 1e6));
            // One run first so that the table creation of the stream's first batch is not in the figures.
            run(java, app, List.of(), fromGraph, db);
            variants.add(new Variant(c.name() + ", baseline: load + lint the model (--model)", () -> run(java, app, List.of(), fromModel, db)));
            variants.add(new Variant(c.name() + ", graph file (--graph --commit)", () -> run(java, app, List.of(), fromGraph, db)));
            variants.add(new Variant(c.name() + ", graph file, C1 only, serial GC", () -> run(java, app, SHORT_RUN, fromGraph, db)));
            if (Files.exists(archive)) {
                variants.add(new Variant(c.name() + ", graph file, C1 only, serial GC, AppCDS archive",
                        () -> run(java, app, concat(SHORT_RUN, List.of("-XX:SharedArchiveFile=app-cds.jsa")), fromGraph, db)));
            }
        }
        // Round by round, every variant once per round: a change of the machine's load touches all of them alike.
        double[][] first = new double[variants.size()][RUNS];
        double[][] total = new double[variants.size()][RUNS];
        for (int round = 0; round < RUNS; round++) {
            for (int v = 0; v < variants.size(); v++) {
                Run r = variants.get(v).run().get();
                first[v][round] = r.firstSqlMillis();
                total[v][round] = r.totalMillis();
            }
        }
        for (int v = 0; v < variants.size(); v++) {
            lines.add(String.format(Locale.ROOT, "  %-85s start to first SQL: median %5.0f ms (runs %s), whole run median %.0f ms",
                    variants.get(v).label(), median(first[v]), Arrays.toString(Arrays.stream(first[v]).mapToLong(Math::round).toArray()),
                    median(total[v])));
        }
        lines.add("goal: start to first SQL <= 1000 ms, the same for 40,000 datasets as for the example; machine: "
                + BenchMachine.describe());
        lines.forEach(System.out::println);
    }

    private record Case(String name, Path model, String platform) {
    }

    private record Run(double firstSqlMillis, double totalMillis) {
    }

    private record Variant(String label, Measured<Run> run) {
    }

    @FunctionalInterface
    private interface Measured<T> {
        T get() throws Exception;
    }

    private static Run run(String java, Path app, List<String> jvmOptions, List<String> arguments, TestingPostgres.Database db) throws Exception {
        List<String> command = new ArrayList<>(List.of(java));
        command.addAll(jvmOptions);
        // From the application's folder: the archive Quarkus makes names the jar relative to it.
        command.addAll(List.of("-jar", "quarkus-run.jar"));
        command.addAll(arguments);
        ProcessBuilder pb = new ProcessBuilder(command).directory(app.toFile());
        pb.environment().put("DATASURFACE_JDBC_URL", db.jdbcUrl());
        pb.environment().put("PG_MAIN_USER", db.user());
        pb.environment().put("PG_MAIN_PASSWORD", db.password());
        pb.environment().put("DATASURFACE_KAFKA_BOOTSTRAP_SERVERS", "none");
        long start = System.nanoTime();
        Process p = pb.redirectErrorStream(true).start();
        StringBuilder out = new StringBuilder();
        long firstSql = -1;
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                // Timed here, when the line arrives: the child's own figure counts from the process start instant, which
                // Linux gives to the second only (boot time), so it can be off by up to a second.
                if (firstSql < 0 && FIRST_SQL.matcher(line).find()) {
                    firstSql = System.nanoTime();
                }
                out.append(line).append('\n');
            }
        }
        int exit = p.waitFor();
        double total = (System.nanoTime() - start) / 1e6;
        if (exit != 0 || firstSql < 0) {
            throw new IllegalStateException("merge-worker " + String.join(" ", arguments) + " exited " + exit + ":\n" + out);
        }
        return new Run((firstSql - start) / 1e6, total);
    }

    private static double timed(ProcessBuilder pb) throws Exception {
        long start = System.nanoTime();
        Process p = pb.redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        p.waitFor();
        return (System.nanoTime() - start) / 1e6;
    }

    private static double median(int runs, Measured<Double> measured) throws Exception {
        double[] values = new double[runs];
        for (int i = 0; i < runs; i++) {
            values[i] = measured.get();
        }
        return median(values);
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    private static long size(Path folder) throws Exception {
        try (var files = Files.walk(folder)) {
            return files.filter(Files::isRegularFile).mapToLong(f -> f.toFile().length()).sum();
        }
    }
}
