package io.datasurface.local;

import io.smallrye.reactive.messaging.kafka.companion.test.EmbeddedKafkaBroker;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

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

    @Override
    public void close() {
        broker.close();
    }
}
