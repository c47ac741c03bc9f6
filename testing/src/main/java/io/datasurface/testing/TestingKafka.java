package io.datasurface.testing;

import io.smallrye.reactive.messaging.kafka.companion.test.EmbeddedKafkaBroker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * One in-process Kafka broker (KRaft) per JVM, started on first use and stopped when the JVM
 * exits. When {@value #BOOTSTRAP_VARIABLE} is set, that broker is used instead.
 */
public final class TestingKafka implements AutoCloseable {
    public static final String BOOTSTRAP_VARIABLE = "DATASURFACE_TEST_KAFKA_BOOTSTRAP";

    private static TestingKafka instance;

    private final EmbeddedKafkaBroker broker;
    private final String bootstrapServers;

    private TestingKafka(EmbeddedKafkaBroker broker, String bootstrapServers) {
        this.broker = broker;
        this.bootstrapServers = bootstrapServers;
    }

    /** The broker of this JVM, started on first call. */
    public static synchronized TestingKafka get() {
        if (instance == null) {
            String external = System.getenv(BOOTSTRAP_VARIABLE);
            if (external != null && !external.isBlank()) {
                instance = new TestingKafka(null, external);
            } else {
                EmbeddedKafkaBroker broker = new EmbeddedKafkaBroker().withKafkaHost("127.0.0.1").withDeleteLogDirsOnClose(true).start();
                instance = new TestingKafka(broker, broker.getAdvertisedListeners());
            }
            TestingKafka started = instance;
            Runtime.getRuntime().addShutdownHook(new Thread(started::close, "testing-kafka-stop"));
        }
        return instance;
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    /**
     * Reads a topic from its beginning until {@code count} records arrived or the timeout passed,
     * and returns their values (fewer than asked for when the time ran out).
     */
    public List<String> readValues(String topic, int count, Duration timeout) {
        List<String> values = new ArrayList<>();
        long deadline = System.nanoTime() + timeout.toNanos();
        try (KafkaConsumer<String, String> consumer = fromTheBeginning(topic)) {
            while (values.size() < count && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
                    values.add(r.value());
                }
            }
        }
        return values;
    }

    /**
     * The values on a topic once {@code expected} arrived (waiting up to {@code timeout}) and {@code quiet} more passed,
     * so that a test can hold that exactly so many were written: one consumer reads both the expected values and any
     * extra, and a slow broker only makes the read longer, never shorter than expected.
     */
    public List<String> readSettled(String topic, int expected, Duration timeout, Duration quiet) {
        List<String> values = new ArrayList<>();
        long deadline = System.nanoTime() + timeout.toNanos();
        try (KafkaConsumer<String, String> consumer = fromTheBeginning(topic)) {
            while (values.size() < expected && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> values.add(r.value()));
            }
            long settled = System.nanoTime() + quiet.toNanos();
            while (System.nanoTime() < settled) {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> values.add(r.value()));
            }
        }
        return values;
    }

    /** Reads a topic from its beginning until a value matches, and returns it; empty when the timeout passed first. */
    public Optional<String> awaitValue(String topic, Predicate<String> matching, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        try (KafkaConsumer<String, String> consumer = fromTheBeginning(topic)) {
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
                    if (r.value() != null && matching.test(r.value())) {
                        return Optional.of(r.value());
                    }
                }
            }
        }
        return Optional.empty();
    }

    /** A consumer of its own group, reading the topic from its first record. */
    private KafkaConsumer<String, String> fromTheBeginning(String topic) {
        KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, "testing-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName()));
        consumer.subscribe(List.of(topic));
        return consumer;
    }

    @Override
    public synchronized void close() {
        if (broker != null) {
            broker.close();
        }
    }
}
