package io.datasurface.local;

import io.smallrye.reactive.messaging.kafka.companion.test.EmbeddedKafkaBroker;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * An in-process KRaft Kafka broker (broker and controller in one node) listening on 127.0.0.1
 * only, its log directory under the caller's working directory. The embedded broker sets every
 * internal topic to one replica, so consumer groups (the Connect sinks') work on a single node.
 */
public final class LocalKafka implements AutoCloseable {
    private final EmbeddedKafkaBroker broker;

    private LocalKafka(EmbeddedKafkaBroker broker) {
        this.broker = broker;
    }

    public static LocalKafka start(Path workDir) throws IOException {
        Path logDir = Files.createDirectories(workDir.resolve("log"));
        EmbeddedKafkaBroker broker = new EmbeddedKafkaBroker()
                .withKafkaHost("127.0.0.1")
                .withDeleteLogDirsOnClose(true)
                .withAdditionalProperties(p -> {
                    p.put("log.dir", logDir.toString());
                    // Topics are made by the Debezium source as it goes; one partition keeps each in order.
                    p.put("num.partitions", "1");
                    p.put("group.initial.rebalance.delay.ms", "0");
                })
                .start();
        return new LocalKafka(broker);
    }

    public String bootstrapServers() {
        return broker.getAdvertisedListeners();
    }

    /** The sum of the topics' end offsets: every record ever written to them. */
    public long endOffsets(List<String> topics) {
        Map<String, Object> config = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config)) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (String topic : topics) {
                consumer.partitionsFor(topic, Duration.ofSeconds(5)).forEach(p -> partitions.add(new TopicPartition(p.topic(), p.partition())));
            }
            return consumer.endOffsets(partitions, Duration.ofSeconds(5)).values().stream().mapToLong(Long::longValue).sum();
        }
    }

    @Override
    public void close() {
        broker.close();
    }
}
