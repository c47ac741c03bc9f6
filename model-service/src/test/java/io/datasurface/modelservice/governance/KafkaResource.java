package io.datasurface.modelservice.governance;

import io.datasurface.testing.TestingKafka;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;
import java.util.UUID;

/** The shared broker and an events topic of its own, for tests of what the service publishes. */
public class KafkaResource implements QuarkusTestResourceLifecycleManager {
    static final String EVENTS_TOPIC = "events-" + UUID.randomUUID().toString().substring(0, 8);

    @Override
    public Map<String, String> start() {
        return Map.of("kafka.bootstrap.servers", TestingKafka.get().bootstrapServers(), "datasurface.topics.events", EVENTS_TOPIC);
    }

    @Override
    public void stop() {
        // The broker belongs to the test JVM.
    }
}
