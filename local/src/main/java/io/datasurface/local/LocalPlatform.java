package io.datasurface.local;

import io.datasurface.kpsg.IntentionGraph;
import io.datasurface.kpsg.IntentionGraphBuilder;
import io.datasurface.load.Models;
import io.datasurface.model.Ecosystem;
import io.datasurface.model.KubernetesPGStarter;
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
    private final IntentionGraph graph;
    private final Deque<AutoCloseable> started = new ArrayDeque<>();
    private LocalPostgres postgres;
    private LocalPostgres.Database platformDatabase;
    private SourceDatabases sources;
    private LocalKafka kafka;
    private LocalConnect connect;

    private LocalPlatform(Path workDir, IntentionGraph graph) {
        this.workDir = workDir;
        this.graph = graph;
    }

    public static LocalPlatform start(Path model, String platform, Path workDir, PrintStream progress) throws Exception {
        return start(model, platform, workDir, progress, sources -> {
        });
    }

    /** Starts the platform; on failure, stops what had started and deletes the working directory. */
    public static LocalPlatform start(Path model, String platform, Path workDir, PrintStream progress, BeforeCapture beforeCapture)
            throws Exception {
        RenderRequest request = load(model, platform);
        LocalPlatform local = new LocalPlatform(Files.createDirectories(workDir), request.graph());
        try {
            local.startParts(request, progress, beforeCapture);
            return local;
        } catch (Exception | Error e) {
            local.close();
            throw e;
        }
    }

    /**
     * The model's platform, as render sees it. The one place that knows how a model is read, as
     * that is changing in core.
     */
    static RenderRequest load(Path model, String platformName) throws Exception {
        Ecosystem ecosystem = Models.loadAndLint(model).requireValid();
        KubernetesPGStarter platform = ecosystem.platform(platformName)
                .filter(KubernetesPGStarter.class::isInstance).map(KubernetesPGStarter.class::cast)
                .orElseThrow(() -> new IllegalArgumentException("model " + model + " has no KubernetesPGStarter platform " + platformName));
        return new RenderRequest(IntentionGraphBuilder.build(ecosystem, platform), ecosystem.owner(), RenderSettings.DEFAULT);
    }

    private void startParts(RenderRequest request, PrintStream progress, BeforeCapture beforeCapture) throws Exception {
        long t0 = System.nanoTime();
        postgres = started(LocalPostgres.start(workDir.resolve("postgres")));
        platformDatabase = postgres.createDatabase(graph.platform().postgres().database());
        progress.printf("local: PostgreSQL 15 on 127.0.0.1:%d, platform database %s (%s)%n", postgres.port(), platformDatabase.name(), since(t0));

        sources = SourceDatabases.create(postgres, graph);
        beforeCapture.accept(sources);
        progress.printf("local: %d source database(s): %s (%s)%n", sources.sources().size(),
                String.join(", ", sources.sources().stream().map(s -> s.database().name()).toList()), since(t0));

        kafka = started(LocalKafka.start(workDir.resolve("kafka")));
        progress.printf("local: Kafka broker on %s (%s)%n", kafka.bootstrapServers(), since(t0));

        connect = started(LocalConnect.start(workDir.resolve("connect"), kafka.bootstrapServers()));
        progress.printf("local: Kafka Connect worker started (%s)%n", since(t0));

        StagingTables.create(platformDatabase, graph);
        progress.printf("local: %d staging table(s) in schema %s (%s)%n", graph.datasets().size(), graph.schema(), since(t0));

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

    private static void delete(Path dir) {
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
