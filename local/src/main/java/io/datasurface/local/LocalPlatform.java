package io.datasurface.local;

import io.datasurface.kpsg.IntentionGraph;
import io.datasurface.kpsg.IngestedDataset;
import io.datasurface.load.Models;
import io.datasurface.load.PlatformResolver;
import io.datasurface.load.UnknownPlatformException;
import io.datasurface.cli.JobEnvironment;
import io.datasurface.render.PlatformSecrets;
import io.datasurface.render.RenderedFile;
import io.datasurface.render.SecretKeyRef;
import io.datasurface.yaml.InvalidModelException;
import io.datasurface.yaml.ModelLoadException;
import java.sql.Connection;
import java.util.HashMap;
import io.datasurface.load.Models;
import io.datasurface.render.KpsgRenderer;
import io.datasurface.render.RenderRequest;
import io.datasurface.render.RenderSettings;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * One platform of a model, run in this JVM with its real parts: an embedded PostgreSQL holding the
 * source databases and the platform database, a Kafka broker, and a Kafka Connect worker running a
 * Debezium source per datastore and the platform's rendered sink per dataset. Changes made in a
 * source table arrive in the dataset's staging table. {@link #close()} stops everything in reverse
 * order and deletes the working directory.
 */
public final class LocalPlatform implements AutoCloseable {
    /** Work to do on the source databases after they exist and before capture starts: what it finds is the snapshot. */
    @FunctionalInterface
    public interface BeforeCapture {
        void accept(SourceDatabases sources) throws SQLException;
    }

    private final Path workDir;
    private final RenderRequest request;
    private final IntentionGraph graph;
    private final Path mergeWorkerJar;
    private LocalScheduler scheduler;
    private LocalServices services;
    private final Deque<AutoCloseable> started = new ArrayDeque<>();
    private LocalPostgres postgres;
    private LocalPostgres.Database platformDatabase;
    private SourceDatabases sources;
    private LocalKafka kafka;
    private LocalConnect connect;
    private long snapshotRows;

    private LocalPlatform(Path workDir, RenderRequest request, Path mergeWorkerJar) {
        this.workDir = workDir;
        this.request = request;
        this.graph = request.graph();
        this.mergeWorkerJar = mergeWorkerJar;
    }

    public static LocalPlatform start(Path model, String platform, Path workDir, PrintStream progress) throws Exception {
        return start(model, platform, workDir, progress, sources -> {
        });
    }

    /** Starts the platform; on failure, stops what had started and deletes the working directory. */
    public static LocalPlatform start(Path model, String platform, Path workDir, PrintStream progress, BeforeCapture beforeCapture)
            throws Exception {
        RenderRequest request = load(model, platform);
        Path mergeWorkerJar = MergeWorkerPods.defaultJar();
        LocalPlatform local = new LocalPlatform(Files.createDirectories(workDir), request, mergeWorkerJar);
        try {
            local.startParts(request, model, progress, beforeCapture);
            return local;
        } catch (Exception | Error e) {
            local.close();
            throw e;
        }
    }

    /** What the local platform's DAG tasks and graph file name as their commit: it renders the model folder as it is. */
    static final String LOCAL_COMMIT = "local";

    /** The model's platform, as render sees it. */
    static RenderRequest load(Path model, String platformName) throws Exception {
        try {
            PlatformResolver.ResolvedPlatform resolved = PlatformResolver.resolve(model, platformName);
            return new RenderRequest(resolved.graph(), LOCAL_COMMIT, resolved.ecosystem().owner(), RenderSettings.DEFAULT);
        } catch (ModelLoadException | InvalidModelException | UnknownPlatformException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    /** The name of the model's first platform, for when none is asked for. */
    static String firstPlatform(Path model) {
        try {
            return Models.loadAndLint(model).requireValid().platforms().stream().findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("the model in " + model + " has no platform")).name();
        } catch (ModelLoadException | InvalidModelException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    private void startParts(RenderRequest request, Path model, PrintStream progress, BeforeCapture beforeCapture) throws Exception {
        long t0 = System.nanoTime();
        postgres = started(LocalPostgres.start(workDir.resolve("postgres")));
        platformDatabase = postgres.createDatabase(graph.platform().postgres().database());
        progress.printf("local: PostgreSQL 15 on 127.0.0.1:%d, platform database %s (%s)%n", postgres.port(), platformDatabase.name(), since(t0));

        sources = SourceDatabases.create(postgres, graph);
        beforeCapture.accept(sources);
        for (IngestedDataset d : graph.datasets()) {
            snapshotRows += sourceRows(d).size();
        }
        progress.printf("local: %d source database(s): %s (%s)%n", sources.sources().size(),
                String.join(", ", sources.sources().stream().map(s -> s.database().name()).toList()), since(t0));

        kafka = started(LocalKafka.start(workDir.resolve("kafka")));
        progress.printf("local: Kafka broker on %s (%s)%n", kafka.bootstrapServers(), since(t0));

        connect = started(LocalConnect.start(workDir.resolve("connect"), kafka.bootstrapServers()));
        progress.printf("local: Kafka Connect worker started (%s)%n", since(t0));

        Map<String, String> secrets = new HashMap<>();
        for (SecretKeyRef ref : PlatformSecrets.env(graph.platform().postgres().credential())) {
            secrets.put(ref.secret() + "/" + ref.key(), ref.key().equals(PlatformSecrets.USER_KEY) ? platformDatabase.user() : platformDatabase.password());
        }
        // The rendered claim of the cluster: the merge tasks read the platform's graph file from it.
        Path rendered = workDir.resolve("rendered");
        RenderedFile graphFile = KpsgRenderer.graphFile(request);
        Files.createDirectories(rendered.resolve(graphFile.path()).getParent());
        Files.writeString(rendered.resolve(graphFile.path()), graphFile.content());
        MergeWorkerPods pods = new MergeWorkerPods(mergeWorkerJar, rendered, secrets, Map.of(
                JobEnvironment.JDBC_URL, platformDatabase.jdbcUrl(), JobEnvironment.KAFKA_BOOTSTRAP_SERVERS, kafka.bootstrapServers()));
        scheduler = started(new LocalScheduler(request, pods, progress));
        scheduler.reconcile();
        progress.printf("local: merge-worker reconcile made schema %s with %d staging and merge table(s) (%s)%n", graph.schema(),
                graph.datasets().size(), since(t0));

        for (SourceDatabases.Source source : sources.sources()) {
            connect.put(SourceDatabases.connectorConfig(source));
        }
        progress.printf("local: %d Debezium source connector(s) running (%s)%n", sources.sources().size(), since(t0));

        List<Map<String, String>> sinks = StagingSinks.configs(graph, KpsgRenderer.render(request), platformDatabase);
        for (Map<String, String> sink : sinks) {
            connect.put(sink);
        }
        progress.printf("local: %d rendered sink connector(s) running (%s)%n", sinks.size(), since(t0));
    }

    private <T extends AutoCloseable> T started(T part) {
        started.push(part);
        return part;
    }

    private static String since(long t0) {
        return String.format("%.1fs", (System.nanoTime() - t0) / 1e9);
    }

    /**
     * Starts model-service, render-service and the notifier in serve mode against this platform's broker (render-service
     * writing into {@code renderedOut}, the notifier posting to a Slack stand-in whose messages are printed). They stop
     * with the platform, first.
     */
    public synchronized void startServices(Path model, Path renderedOut, PrintStream progress) throws Exception {
        services = started(LocalServices.start(workDir, model, graph, kafka.bootstrapServers(), renderedOut, progress));
    }

    /** What the notifier posted to the Slack stand-in so far; empty when the services were not started. */
    public List<String> slackMessages() {
        return services == null ? List.of() : services.slackMessages();
    }

    /** Stands in for Airflow: runs the rendered merge tasks. */
    public LocalScheduler scheduler() {
        return scheduler;
    }

    public RenderRequest request() {
        return request;
    }

    /** Rows the sources held when capture started: each reaches staging once, as a snapshot read. */
    public long snapshotRows() {
        return snapshotRows;
    }

    /** Writes every file the render-service renders for the platform (DAGs, connectors, bootstrap YAML) under {@code out}. */
    public void writeRenderedFiles(Path out) throws IOException {
        for (RenderedFile file : KpsgRenderer.render(request)) {
            Path target = out.resolve(file.path());
            Files.createDirectories(target.getParent());
            Files.writeString(target, file.content());
        }
    }

    /** The dataset's rows in its source table, by key, typed as {@link TypedRows} compares them. */
    public Map<List<Object>, List<Object>> sourceRows(IngestedDataset d) throws SQLException {
        try (Connection c = sources.source(d.datastore()).database().connect()) {
            return TypedRows.read(c, SourceDatabases.table(d), d, col -> col.column().name(), "true");
        }
    }

    /** Change events on the dataset topics so far (tombstones included). */
    public long eventsOnTopics() {
        return kafka.endOffsets(graph.datasets().stream().map(IngestedDataset::topic).toList());
    }

    public IntentionGraph graph() {
        return graph;
    }

    public Path workDir() {
        return workDir;
    }

    public LocalPostgres postgres() {
        return postgres;
    }

    public LocalPostgres.Database platformDatabase() {
        return platformDatabase;
    }

    public SourceDatabases sources() {
        return sources;
    }

    public LocalKafka kafka() {
        return kafka;
    }

    public LocalConnect connect() {
        return connect;
    }

    /** Stops the parts in reverse order, each even if another failed, then deletes the working directory. */
    @Override
    public synchronized void close() {
        RuntimeException failure = null;
        while (!started.isEmpty()) {
            try {
                started.pop().close();
            } catch (Exception e) {
                if (failure == null) {
                    failure = new IllegalStateException("the local platform did not stop cleanly", e);
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        try {
            delete(workDir);
        } catch (UncheckedIOException e) {
            if (failure == null) {
                failure = e;
            } else {
                failure.addSuppressed(e);
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    static void delete(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not delete the working directory " + dir + ": " + e.getMessage(), e);
        }
    }
}
