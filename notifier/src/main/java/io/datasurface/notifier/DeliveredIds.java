package io.datasurface.notifier;

import static java.util.Objects.requireNonNull;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jboss.logging.Logger;

/**
 * The ids of the events already posted, kept in a compacted Kafka topic (key: event id, value: when
 * it was posted) and read whole at start. Why a topic and not a file: the notifier runs as a pod
 * whose disk goes with it, while the broker is already there and already durable; compaction keeps
 * one record per id, and {@code retention.ms} drops ids older than the window in which a producer
 * could republish an event. An id is recorded right after Slack accepts the message and before the
 * event's offset is committed, so a crash between the two does not post the event twice.
 */
public final class DeliveredIds implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(DeliveredIds.class);
    private static final Duration KAFKA_TIMEOUT = Duration.ofSeconds(30);

    private final String topic;
    private final Duration retention;
    private final Clock clock;
    private final KafkaProducer<String, String> producer;
    private final Map<String, Instant> ids = new HashMap<>();

    private DeliveredIds(String topic, Duration retention, Clock clock, KafkaProducer<String, String> producer) {
        this.topic = topic;
        this.retention = retention;
        this.clock = clock;
        this.producer = producer;
    }

    /** Creates the topic when it is missing and reads every id still within {@code retention}. */
    public static DeliveredIds open(String bootstrapServers, String topic, Duration retention, Clock clock) {
        requireNonNull(bootstrapServers, "bootstrapServers is null");
        requireNonNull(topic, "topic is null");
        requireNonNull(retention, "retention is null");
        requireNonNull(clock, "clock is null");
        createTopic(bootstrapServers, topic, retention);
        KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.LINGER_MS_CONFIG, 0,
                ProducerConfig.CLIENT_ID_CONFIG, "datasurface-notifier-delivered"));
        DeliveredIds delivered = new DeliveredIds(topic, retention, clock, producer);
        delivered.load(bootstrapServers);
        return delivered;
    }

    private static void createTopic(String bootstrapServers, String topic, Duration retention) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            NewTopic t = new NewTopic(topic, Optional.of(1), Optional.empty()).configs(Map.of(
                    TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT + "," + TopicConfig.CLEANUP_POLICY_DELETE,
                    TopicConfig.RETENTION_MS_CONFIG, Long.toString(retention.toMillis())));
            admin.createTopics(List.of(t)).all().get(KAFKA_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException("cannot create topic " + topic + ": " + e.getCause(), e.getCause());
            }
        } catch (TimeoutException e) {
            throw new IllegalStateException("Kafka at " + bootstrapServers + " did not answer within " + KAFKA_TIMEOUT + " creating " + topic, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted creating topic " + topic, e);
        }
    }

    private void load(String bootstrapServers) {
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.CLIENT_ID_CONFIG, "datasurface-notifier-delivered-reader"))) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, KAFKA_TIMEOUT).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, KAFKA_TIMEOUT);
            long deadline = System.nanoTime() + KAFKA_TIMEOUT.toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("reading topic " + topic + " took longer than " + KAFKA_TIMEOUT);
                }
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
                    if (r.key() != null && r.value() != null) {
                        parse(r.value()).ifPresent(at -> ids.put(r.key(), at));
                    }
                }
            }
        }
        prune();
        LOG.infof("%d delivered event id(s) read from %s", ids.size(), topic);
    }

    private static Optional<Instant> parse(String value) {
        try {
            return Optional.of(Instant.parse(value));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    public boolean contains(String id) {
        Instant at = ids.get(id);
        return at != null && at.isAfter(clock.instant().minus(retention));
    }

    /** Records a posted event's id; a broker that does not acknowledge it is logged, and only a later crash could then repost it. */
    public void record(String id) throws InterruptedException {
        Instant now = clock.instant();
        ids.put(id, now);
        try {
            producer.send(new ProducerRecord<>(topic, id, now.toString())).get(KAFKA_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            LOG.warnf("posted event %s not recorded in %s (%s): should the notifier stop before it commits, the event is posted again",
                    id, topic, e.getCause() == null ? e.toString() : e.getCause().toString());
        }
        if (ids.size() % 1000 == 0) {
            prune();
        }
    }

    private void prune() {
        Instant oldest = clock.instant().minus(retention);
        ids.values().removeIf(at -> !at.isAfter(oldest));
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }
}
