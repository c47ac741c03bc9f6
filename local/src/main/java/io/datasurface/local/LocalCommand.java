package io.datasurface.local;

import io.datasurface.cli.ExitCodes;
import io.datasurface.kpsg.IngestedDataset;
import io.datasurface.model.Durations;
import io.datasurface.model.Milestoning;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * {@code bin/demo}: the product's main job on one machine. Starts the local platform of a model,
 * runs a producer's workload on its source databases while the scheduler merges every stream,
 * shows progress, runs a last batch per stream and reports whether every merge table holds what
 * its source holds. Ctrl-C stops everything and leaves nothing behind.
 */
public final class LocalCommand {
    static final String USAGE = """
            Usage: bin/demo [--model DIR] [--platform P] [--duration 60s] [--rate 20] [--merge-every 10s] [--out DIR] [--no-services]
            Runs a model's platform on this machine: embedded PostgreSQL 15 (platform and source databases), a Kafka broker,
            Kafka Connect with Debezium sources and the rendered sinks, merges on a schedule, and model-service, render-service
            and the notifier serving; then reports.
              --model DIR         the model folder (default examples/acme)
              --platform P        the KubernetesPGStarter platform (default: the model's first)
              --duration D        how long the workload writes (default 60s; s, m or h)
              --rate N            source transactions per second (default 20)
              --merge-every D     how often each batch-stream merges (default 10s)
              --out DIR           where the rendered DAGs, connectors and YAML are written (default target/local)
              --no-services       do not start model-service, render-service and the notifier (Slack stand-in) in serve mode
            Exit 0 when every merge table equals its source, 1 when one does not, 2 for unusable input.""";

    private static final String ZONKY_WORKING_DIR = "ot.epg.working-dir";

    record Options(Path model, Optional<String> platform, Duration duration, double rate, Duration mergeEvery, Path out, boolean services) {
    }

    private LocalCommand() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        Options options;
        try {
            Optional<Options> parsed = parse(args, out);
            if (parsed.isEmpty()) {
                return ExitCodes.OK;
            }
            options = parsed.get();
        } catch (IllegalArgumentException e) {
            err.println("error: " + e.getMessage());
            err.println(USAGE);
            return ExitCodes.UNUSABLE;
        }
        AtomicBoolean stopping = new AtomicBoolean();
        Path workDir;
        try {
            workDir = Files.createTempDirectory("datasurface-local-");
        } catch (java.io.IOException e) {
            err.println("error: no temporary folder for the local platform: " + e.getMessage());
            return ExitCodes.UNUSABLE;
        }
        // zonky makes a folder of its own in the temporary folder as soon as a server is built; keep it in ours.
        if (System.getProperty(ZONKY_WORKING_DIR) == null) {
            System.setProperty(ZONKY_WORKING_DIR, workDir.resolve("embedded-pg").toString());
        }
        LocalPlatform[] holder = new LocalPlatform[1];
        Thread hook = new Thread(() -> {
            stopping.set(true);
            synchronized (holder) {
                if (holder[0] != null) {
                    out.println("local: stopping");
                    holder[0].close();
                } else {
                    LocalPlatform.delete(workDir);
                }
            }
        }, "local-platform-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            String platformName = options.platform().orElseGet(() -> LocalPlatform.firstPlatform(options.model()));
            Workload[] workload = new Workload[1];
            LocalPlatform platform = LocalPlatform.start(options.model(), platformName, workDir, out,
                    sources -> workload[0] = seeded(sources));
            synchronized (holder) {
                holder[0] = platform;
            }
            return runWorkload(platform, workload[0], options, stopping, out);
        } catch (Exception e) {
            if (stopping.get()) {
                return ExitCodes.FAILED;
            }
            err.println("error: " + e.getMessage());
            return e instanceof IllegalArgumentException ? ExitCodes.UNUSABLE : ExitCodes.FAILED;
        } finally {
            if (!stopping.get()) {
                Runtime.getRuntime().removeShutdownHook(hook);
                synchronized (holder) {
                    if (holder[0] != null) {
                        holder[0].close();
                    } else {
                        LocalPlatform.delete(workDir);
                    }
                }
            }
        }
    }

    /** A workload with a few rows in every table before capture starts, so the sources' snapshot has something to read. */
    private static Workload seeded(SourceDatabases sources) throws java.sql.SQLException {
        Workload workload = new Workload(sources, 42);
        for (int i = 0; i < 20; i++) {
            workload.transaction();
        }
        return workload;
    }

    private static int runWorkload(LocalPlatform platform, Workload workload, Options options, AtomicBoolean stopping, PrintStream out)
            throws Exception {
        long seeded = workload.counts().changes();
        platform.writeRenderedFiles(options.out());
        out.printf("local: rendered DAGs, connectors and bootstrap YAML in %s%n", options.out().toAbsolutePath());
        if (options.services()) {
            platform.startServices(options.model(), options.out(), out);
        }
        Pipeline pipeline = new Pipeline(platform.graph(), platform.platformDatabase());
        LocalScheduler scheduler = platform.scheduler();
        scheduler.start(options.mergeEvery());
        out.printf("local: merging every batch-stream every %s; writing about %.0f transactions a second for %s%n",
                Durations.format(options.mergeEvery()), options.rate(), Durations.format(options.duration()));
        Thread progress = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                try {
                    Thread.sleep(5_000);
                    printProgress(platform, workload, pipeline, out);
                } catch (InterruptedException e) {
                    return;
                } catch (Exception e) {
                    out.println("local: progress not available: " + e.getMessage());
                }
            }
        }, "local-progress");
        progress.setDaemon(true);
        progress.start();
        try {
            workload.run(options.rate(), options.duration(), stopping::get);
        } finally {
            progress.interrupt();
        }
        if (stopping.get()) {
            return ExitCodes.FAILED;
        }
        scheduler.stop();
        // The seeding's changes reach staging as the snapshot's rows, not one by one.
        long expected = platform.snapshotRows() + workload.counts().changes() - seeded;
        out.printf("local: workload done; waiting for the %d change(s) to reach staging%n", expected);
        pipeline.awaitStaged(expected, Duration.ofMinutes(2));
        scheduler.mergeAll();
        printProgress(platform, workload, pipeline, out);
        return report(platform, pipeline, options.out(), out);
    }

    private static void printProgress(LocalPlatform platform, Workload workload, Pipeline pipeline, PrintStream out) throws Exception {
        Workload.Counts counts = workload.counts();
        Pipeline.Merged merged = pipeline.merged();
        long waiting = pipeline.waitingInStaging();
        out.printf("local: %d change(s) written in %d transaction(s) (%d insert, %d update, %d delete); %d event(s) on the topics; "
                        + "%d staged, %d waiting in staging; %d batch(es) merged; lag %.1fs%s%n",
                counts.changes(), counts.transactions(), counts.inserts(), counts.updates(), counts.deletes(), platform.eventsOnTopics(),
                merged.stagingRows() + waiting, waiting, merged.batches(), pipeline.lag().toMillis() / 1000.0,
                platform.scheduler().failures() > 0
                        ? ", " + platform.scheduler().failures() + " failed run(s)" : "");
    }

    private static int report(LocalPlatform platform, Pipeline pipeline, Path rendered, PrintStream out) throws Exception {
        out.println();
        out.printf("%-40s %12s %12s  %s%n", "dataset", "source rows", "merge live", "equal row for row");
        boolean allEqual = true;
        for (IngestedDataset d : platform.graph().datasets()) {
            Map<List<Object>, List<Object>> source = platform.sourceRows(d);
            Map<List<Object>, List<Object>> merged = pipeline.liveRows(d);
            boolean equal = source.equals(merged);
            allEqual &= equal;
            out.printf("%-40s %12d %12d  %s%n", d.datastore() + "." + d.name() + " (" + pipeline.milestoning(d).yamlName() + ")",
                    source.size(), merged.size(), equal ? "yes" : "NO");
        }
        Optional<IngestedDataset> milestoned = platform.graph().datasets().stream()
                .filter(d -> pipeline.milestoning(d) == Milestoning.MILESTONED).findFirst();
        if (milestoned.isPresent()) {
            printHistory(pipeline, milestoned.get(), out);
        }
        printMetrics(platform, pipeline, out);
        out.printf("%nrendered files (Airflow DAGs, Kafka Connect Terraform and JSON, bootstrap YAML): %s%n", rendered.toAbsolutePath());
        return allEqual ? ExitCodes.OK : ExitCodes.REJECTED;
    }

    private static void printHistory(Pipeline pipeline, IngestedDataset d, PrintStream out) throws Exception {
        String key = d.keyColumns().get(0).name();
        String sql = "SELECT " + quote(key) + ", dp_in, dp_out FROM " + pipeline.table(d.mergeTable()) + " WHERE " + quote(key) + " IN (SELECT "
                + quote(key) + " FROM " + pipeline.table(d.mergeTable()) + " GROUP BY 1 HAVING count(*) > 1 ORDER BY 1 LIMIT 2) ORDER BY 1, 2";
        out.printf("%nhistory of %s.%s (milestoned: every version, dp_out null while live):%n", d.datastore(), d.name());
        try (Connection c = pipeline.connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            out.printf("  %-10s %-32s %s%n", key, "dp_in", "dp_out");
            while (rs.next()) {
                out.printf("  %-10s %-32s %s%n", rs.getString(1), rs.getString(2), rs.getString(3));
            }
        }
    }

    private static void printMetrics(LocalPlatform platform, Pipeline pipeline, PrintStream out) throws Exception {
        String sql = "SELECT stream, count(*) FILTER (WHERE status = 'succeeded'), count(*) FILTER (WHERE status = 'failed'), "
                + "sum(staging_rows), sum(inserted), sum(updated), sum(deleted), sum(unchanged), max(duration_ms) FROM "
                + pipeline.table(io.datasurface.kpsg.PlatformTables.JOB_METRICS.name()) + " GROUP BY stream ORDER BY stream";
        out.printf("%njob metrics (%s):%n", io.datasurface.kpsg.PlatformTables.JOB_METRICS.name());
        out.printf("  %-28s %8s %7s %9s %9s %9s %9s %9s %8s%n", "stream", "batches", "failed", "staged", "inserted", "updated", "deleted",
                "unchanged", "max ms");
        try (Connection c = pipeline.connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                out.printf("  %-28s %8d %7d %9d %9d %9d %9d %9d %8d%n", rs.getString(1), rs.getLong(2), rs.getLong(3), rs.getLong(4),
                        rs.getLong(5), rs.getLong(6), rs.getLong(7), rs.getLong(8), rs.getLong(9));
            }
        }
    }

    private static String quote(String name) {
        return io.datasurface.kpsg.PostgresNames.quote(name);
    }

    static Optional<Options> parse(String[] args, PrintStream out) {
        Path model = Path.of("examples", "acme");
        Optional<String> platform = Optional.empty();
        Duration duration = Duration.ofSeconds(60);
        double rate = 20;
        Duration mergeEvery = Duration.ofSeconds(10);
        Path outDir = Path.of("target", "local");
        boolean services = true;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("--help") || arg.equals("-h")) {
                out.println(USAGE);
                return Optional.empty();
            }
            if (arg.equals("--no-services")) {
                services = false;
                continue;
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("unknown option or missing value: " + arg);
            }
            String value = args[++i];
            switch (arg) {
                case "--model" -> model = Path.of(value);
                case "--platform" -> platform = Optional.of(value);
                case "--duration" -> duration = duration(arg, value);
                case "--merge-every" -> mergeEvery = duration(arg, value);
                case "--out" -> outDir = Path.of(value);
                case "--rate" -> {
                    try {
                        rate = Double.parseDouble(value);
                    } catch (NumberFormatException e) {
                        throw new IllegalArgumentException("--rate must be a number of transactions a second, not '" + value + "'");
                    }
                    if (!(rate > 0)) {
                        throw new IllegalArgumentException("--rate must be above 0, not " + value);
                    }
                }
                default -> throw new IllegalArgumentException("unknown option " + arg);
            }
        }
        if (!Files.isRegularFile(model.resolve("ecosystem.yaml"))) {
            throw new IllegalArgumentException("no model in " + model + ": --model names a folder with ecosystem.yaml");
        }
        return Optional.of(new Options(model, platform, duration, rate, mergeEvery, outDir, services));
    }

    private static Duration duration(String option, String value) {
        try {
            return Durations.parse(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(option + ": " + e.getMessage());
        }
    }
}
