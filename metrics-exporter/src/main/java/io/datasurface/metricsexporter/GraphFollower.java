package io.datasurface.metricsexporter;

import static java.util.Objects.requireNonNull;

import io.datasurface.events.PlatformGraph;
import io.datasurface.events.PlatformGraphJson;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.jboss.logging.Logger;

/**
 * Follows a platform's graph on the compacted topic model-service publishes ({@code datasurface.graph}, keyed by
 * platform, the newest commit's validated graph) and hands every graph of a new commit to the listener. It reads the
 * topic from its beginning without a consumer group, so each replica sees every graph and nothing is committed: the
 * exporter serves the newest commit's streams without loading the model or restarting.
 */
public final class GraphFollower implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(GraphFollower.class);
    private static final Duration POLL = Duration.ofSeconds(1);
    private static final Duration RETRY = Duration.ofSeconds(5);

    private final String topic;
    private final String platform;
    private final Consumer<PlatformGraph> listener;
    private final KafkaConsumer<String, String> consumer;
    private final AtomicReference<String> commit = new AtomicReference<>();
    private volatile boolean stopping;
    private volatile boolean died;
    private Thread thread;

    public GraphFollower(String bootstrapServers, String topic, String platform, Consumer<PlatformGraph> listener) {
        this.topic = requireNonNull(topic, "topic is null");
        this.platform = requireNonNull(platform, "platform is null");
        this.listener = requireNonNull(listener, "listener is null");
        this.consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, requireNonNull(bootstrapServers, "bootstrapServers is null"),
                ConsumerConfig.CLIENT_ID_CONFIG, "datasurface-metrics-exporter",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                // The topic is model-service's, compacted; a reader must never create it with the broker's defaults.
                ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false,
                // One graph in memory at a time: a record may be tens of megabytes.
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 1,
                ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, PlatformGraph.MAX_RECORD_BYTES,
                ConsumerConfig.FETCH_MAX_BYTES_CONFIG, PlatformGraph.MAX_RECORD_BYTES,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName()));
    }

    /** Starts following on a thread of its own; at most once. */
    public synchronized void start() {
        if (thread != null) {
            throw new IllegalStateException("already following " + topic);
        }
        thread = new Thread(this::follow, "graph-follower");
        thread.setDaemon(true);
        thread.start();
    }

    /** The commit of the last graph handed to the listener; empty before the first. */
    public Optional<String> commit() {
        return Optional.ofNullable(commit.get());
    }

    /** False once the loop died of an error it cannot retry (it retries every exception); true before it started. */
    public boolean alive() {
        return !died;
    }

    private void follow() {
        try {
            while (!stopping) {
                try {
                    followFromTheBeginning();
                } catch (WakeupException e) {
                    return;
                } catch (RuntimeException e) {
                    // Kafka away, a partition moved, a record the reader did not expect: start over after a pause.
                    LOG.warnf("following %s: %s; retrying in %s, the exporter keeps serving the graph of commit %s", topic, e.toString(),
                            RETRY, commit().orElse("(none)"));
                    Thread.sleep(RETRY.toMillis());
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Error e) {
            died = true;
            LOG.errorf(e, "following %s stopped", topic);
            throw e;
        } finally {
            consumer.close(Duration.ofSeconds(5));
        }
    }

    /**
     * Reads the topic from its beginning. What was on it before is read without parsing and only the platform's last
     * record is handed over, so that a topic compaction has not yet shortened does not replay old commits (each tens of
     * megabytes); from then on, each new record.
     */
    private void followFromTheBeginning() throws InterruptedException {
        List<TopicPartition> partitions = assign();
        Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
        boolean caughtUp = false;
        ConsumerRecord<String, String> last = null;
        while (!stopping) {
            for (ConsumerRecord<String, String> record : consumer.poll(POLL)) {
                if (!platform.equals(record.key()) || record.value() == null) {
                    continue;
                }
                if (caughtUp) {
                    read(record);
                } else {
                    last = record;
                }
            }
            if (!caughtUp && partitions.stream().allMatch(p -> consumer.position(p) >= end.get(p))) {
                caughtUp = true;
                if (last != null) {
                    read(last);
                    last = null;
                }
            }
        }
    }

    /** Every partition of the topic from its beginning, once the topic exists (model-service creates it, compacted). */
    private List<TopicPartition> assign() throws InterruptedException {
        List<PartitionInfo> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30));
        if (partitions.isEmpty()) {
            LOG.infof("waiting for topic %s: model-service creates it when it first publishes", topic);
        }
        while (partitions.isEmpty() && !stopping) {
            Thread.sleep(POLL.toMillis());
            partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30));
        }
        List<TopicPartition> assigned = partitions.stream().map(p -> new TopicPartition(p.topic(), p.partition())).toList();
        consumer.assign(assigned);
        consumer.seekToBeginning(assigned);
        return assigned;
    }

    private void read(ConsumerRecord<String, String> record) {
        PlatformGraph graph;
        try {
            graph = PlatformGraphJson.fromJson(record.value());
        } catch (RuntimeException e) {
            LOG.warnf("%s offset %d: not a readable graph (%s); skipped, the exporter keeps serving the graph of commit %s", topic,
                    record.offset(), e.getMessage(), commit().orElse("(none)"));
            return;
        }
        if (graph == null || !graph.platform().equals(platform) || graph.commit().equals(commit.get())) {
            return;
        }
        try {
            listener.accept(graph);
        } catch (RuntimeException e) {
            LOG.errorf("the graph of commit %s cannot be served: %s; the exporter keeps serving the graph of commit %s", graph.commit(),
                    e.getMessage(), commit().orElse("(none)"));
            return;
        }
        commit.set(graph.commit());
        LOG.infof("serving platform %s's metrics for commit %s (%d batch-streams)", platform, graph.commit(), graph.graph().streams().size());
    }

    @Override
    public void close() throws InterruptedException {
        stopping = true;
        consumer.wakeup();
        Thread t;
        synchronized (this) {
            t = thread;
        }
        if (t != null) {
            t.join(Duration.ofSeconds(10).toMillis());
        } else {
            consumer.close(Duration.ofSeconds(5));
        }
    }
}
