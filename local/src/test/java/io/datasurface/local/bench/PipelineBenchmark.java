package io.datasurface.local.bench;

import io.datasurface.kpsg.IngestedDataset;
import io.datasurface.kpsg.PlatformTables;
import io.datasurface.kpsg.PostgresNames;
import io.datasurface.kpsg.RunStatus;
import io.datasurface.local.LocalPlatform;
import io.datasurface.local.MergeWorkerPods;
import io.datasurface.local.Pipeline;
import io.datasurface.local.SourceDatabases;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Latency and throughput of the local pipeline on examples/acme's orders dataset (single-dataset,
 * live-only): a source commit through Debezium to the topic, through the rendered sink to staging,
 * and through a merge batch (the packaged merge-worker, started at once) to the merge table. Prints
 * figures; not a test. Run from the repository root after {@code ./mvnw -pl merge-worker,local -am package -DskipTests}.
 */
public final class PipelineBenchmark {
    private static final int LATENCY_COMMITS = Integer.getInteger("commits", 200);
    private static final int BATCH_COMMITS = Integer.getInteger("batchCommits", 40);
    private static final int THROUGHPUT_CHANGES = Integer.getInteger("changes", 20_000);

    private PipelineBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path workDir = Files.createTempDirectory("datasurface-bench-");
        try (LocalPlatform platform = LocalPlatform.start(Path.of("examples", "acme"), "Prod", workDir, System.out)) {
            IngestedDataset orders = platform.graph().datasets().stream().filter(d -> d.name().equals("orders")).findFirst().orElseThrow();
            String stream = platform.graph().streams().stream().filter(s -> s.datasets().contains(orders)).findFirst().orElseThrow().key();
            Pipeline pipeline = new Pipeline(platform.graph(), platform.platformDatabase());
            System.out.printf("machine: %d cores, load average %.2f%n", Runtime.getRuntime().availableProcessors(),
                    java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
            try (Connection source = platform.sources().source(orders.datastore()).database().connect();
                    Connection target = pipeline.connect();
                    KafkaConsumer<String, String> consumer = consumer(platform, orders)) {
                if (Boolean.parseBoolean(System.getProperty("latency", "true"))) {
                    latency(platform, orders, stream, pipeline, source, target, consumer);
                }
                throughput(platform, orders, stream, pipeline, source, consumer);
            }
        }
    }

    private static void latency(LocalPlatform platform, IngestedDataset orders, String stream, Pipeline pipeline, Connection source,
            Connection target, KafkaConsumer<String, String> consumer) throws Exception {
        List<Long> toTopic = new ArrayList<>();
        List<Long> toStaging = new ArrayList<>();
        List<Long> toWhole = new ArrayList<>();
        List<Long> batch = new ArrayList<>();
        List<Long> total = new ArrayList<>();
        long id = 1_000_000;
        for (int i = 0; i < LATENCY_COMMITS + 20; i++) {
            boolean merge = i >= 20 + LATENCY_COMMITS - BATCH_COMMITS;
            insert(source, orders, ++id);
            long committed = System.nanoTime();
            awaitOnTopic(consumer, 1);
            long onTopic = System.nanoTime();
            awaitRow(target, pipeline.table(orders.stagingTable()), id);
            long staged = System.nanoTime();
            pipeline.awaitEndRecords(Duration.ofMinutes(2), Duration.ofMillis(2));
            long whole = System.nanoTime();
            if (i < 20) {
                continue;
            }
            toTopic.add(onTopic - committed);
            toStaging.add(staged - onTopic);
            toWhole.add(whole - staged);
            if (merge) {
                MergeWorkerPods.Run run = platform.scheduler().merge(stream);
                if (!run.succeeded()) {
                    throw new IllegalStateException(run.output());
                }
                awaitRow(target, pipeline.table(orders.mergeTable()), id);
                long merged = System.nanoTime();
                batch.add(merged - staged);
                total.add(merged - committed);
            }
        }
        System.out.printf("%nlatency, %d single-row commits (after 20 warm-up), milliseconds: median / p95%n", LATENCY_COMMITS);
        System.out.printf("  source commit -> topic        %8.1f / %8.1f%n", median(toTopic), p95(toTopic));
        System.out.printf("  topic -> staging table        %8.1f / %8.1f%n", median(toStaging), p95(toStaging));
        System.out.printf("  staged -> END record arrived  %8.1f / %8.1f   (what a batch waits for whole transactions)%n", median(toWhole),
                p95(toWhole));
        System.out.printf("latency with a merge started at once, last %d commits:%n", BATCH_COMMITS);
        System.out.printf("  staging -> merge table (pod)  %8.1f / %8.1f   (merge-worker JVM start included)%n", median(batch), p95(batch));
        System.out.printf("  batch alone (ds_job_metrics)  %8.1f / %8.1f%n", metricsMillis(pipeline, stream, BATCH_COMMITS, true),
                metricsMillis(pipeline, stream, BATCH_COMMITS, false));
        System.out.printf("  source commit -> merge table  %8.1f / %8.1f%n", median(total), p95(total));
    }

    private static void throughput(LocalPlatform platform, IngestedDataset orders, String stream, Pipeline pipeline, Connection source,
            KafkaConsumer<String, String> consumer) throws Exception {
        long stagedBefore = pipeline.staged();
        long start = System.nanoTime();
        long id = 2_000_000;
        // Rows generated by the server, 100 a transaction, so that the writer is not what limits the connectors.
        try (PreparedStatement p = source.prepareStatement("INSERT INTO " + SourceDatabases.table(orders)
                + " (order_id, customer_id, placed_at, status, total, notes) SELECT g, g % 1000, now(), 'placed', 12.50, 'bench' "
                + "FROM generate_series(?::bigint, ?::bigint) g")) {
            for (int i = 0; i < THROUGHPUT_CHANGES; i += 100) {
                p.setLong(1, id + i + 1);
                p.setLong(2, id + Math.min(i + 100, THROUGHPUT_CHANGES));
                p.executeUpdate();
            }
        }
        long written = System.nanoTime();
        awaitOnTopic(consumer, THROUGHPUT_CHANGES);
        long onTopic = System.nanoTime();
        pipeline.awaitStaged(stagedBefore + THROUGHPUT_CHANGES, Duration.ofMinutes(10));
        long staged = System.nanoTime();
        MergeWorkerPods.Run run = platform.scheduler().merge(stream);
        if (!run.succeeded()) {
            throw new IllegalStateException(run.output());
        }
        double batchMillis = metricsMillis(pipeline, stream, 1, true);
        System.out.printf("%nthroughput, %,d inserts in transactions of 100, side by side on the same run:%n", THROUGHPUT_CHANGES);
        System.out.printf("  source writes                 %,10.0f changes/s%n", THROUGHPUT_CHANGES / seconds(written - start));
        System.out.printf("  source connector (to topic)   %,10.0f changes/s   (all on the topic %.1f s after the first write)%n",
                THROUGHPUT_CHANGES / seconds(onTopic - start), seconds(onTopic - start));
        System.out.printf("  sink connector (to staging)   %,10.0f rows/s      (all staged %.1f s after the first write)%n",
                THROUGHPUT_CHANGES / seconds(staged - start), seconds(staged - start));
        System.out.printf("  merge batch                   %,10.0f rows/s      (batch %.0f ms; pod %d ms with JVM start)%n",
                THROUGHPUT_CHANGES / (batchMillis / 1000), batchMillis, run.took().toMillis());
    }

    private static void insert(Connection c, IngestedDataset d, long id) throws Exception {
        try (PreparedStatement p = c.prepareStatement("INSERT INTO " + SourceDatabases.table(d)
                + " (order_id, customer_id, placed_at, status, total, notes) VALUES (?, ?, ?, 'placed', 12.50, 'bench')")) {
            p.setLong(1, id);
            p.setLong(2, id % 1000);
            p.setObject(3, OffsetDateTime.now(ZoneOffset.UTC));
            p.executeUpdate();
        }
    }

    private static KafkaConsumer<String, String> consumer(LocalPlatform platform, IngestedDataset d) {
        KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                platform.kafka().bootstrapServers(), ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName()));
        TopicPartition partition = new TopicPartition(d.topic(), 0);
        consumer.assign(List.of(partition));
        consumer.seekToEnd(List.of(partition));
        consumer.position(partition);
        return consumer;
    }

    /** Reads records until {@code count} change events (tombstones aside) arrived. */
    private static void awaitOnTopic(KafkaConsumer<String, String> consumer, int count) {
        int seen = 0;
        long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
        while (seen < count) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(seen + " of " + count + " events reached the topic");
            }
            for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(1))) {
                if (r.value() != null) {
                    seen++;
                }
            }
        }
    }

    private static void awaitRow(Connection c, String table, long id) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        try (PreparedStatement p = c.prepareStatement("SELECT 1 FROM " + table + " WHERE order_id = ?")) {
            p.setLong(1, id);
            while (System.nanoTime() < deadline) {
                try (ResultSet rs = p.executeQuery()) {
                    if (rs.next()) {
                        return;
                    }
                }
                Thread.sleep(2);
            }
        }
        throw new IllegalStateException("order " + id + " did not reach " + table);
    }

    /** Median (or p95) duration of the stream's last {@code n} successful batches, as the merge-worker recorded them. */
    private static double metricsMillis(Pipeline pipeline, String stream, int n, boolean median) throws Exception {
        String sql = "SELECT " + PostgresNames.quote(PlatformTables.DURATION_MS) + " FROM " + pipeline.table(PlatformTables.JOB_METRICS.name())
                + " WHERE " + PostgresNames.quote(PlatformTables.STREAM) + " = ? AND " + PostgresNames.quote(PlatformTables.STATUS)
                + " = ? ORDER BY " + PostgresNames.quote(PlatformTables.BATCH_ID) + " DESC LIMIT ?";
        List<Long> millis = new ArrayList<>();
        try (Connection c = pipeline.connect(); PreparedStatement p = c.prepareStatement(sql)) {
            p.setString(1, stream);
            p.setString(2, RunStatus.SUCCEEDED.value());
            p.setInt(3, n);
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    millis.add(rs.getLong(1) * 1_000_000);
                }
            }
        }
        return median ? median(millis) : p95(millis);
    }

    private static double median(List<Long> nanos) {
        return percentile(nanos, 0.5);
    }

    private static double p95(List<Long> nanos) {
        return percentile(nanos, 0.95);
    }

    private static double percentile(List<Long> nanos, double q) {
        List<Long> sorted = new ArrayList<>(nanos);
        Collections.sort(sorted);
        return sorted.get((int) Math.min(sorted.size() - 1, Math.floor(q * sorted.size()))) / 1e6;
    }

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }
}
