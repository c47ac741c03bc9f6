package io.datasurface.metricsexporter;

import static io.datasurface.metricsexporter.PlatformTablesFixture.CUSTOMERS;
import static io.datasurface.metricsexporter.PlatformTablesFixture.PLATFORM;
import static org.assertj.core.api.Assertions.assertThat;

import io.datasurface.events.PlatformGraph;
import io.datasurface.events.PlatformGraphJson;
import io.datasurface.model.Repository;
import io.datasurface.testing.TestingKafka;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** serve's graph from the compacted graph topic, on the test broker: the newest commit's graph, each commit once. */
class GraphFollowerTest {
    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final Repository MODEL = new Repository("https://example.com/model.git", "main");

    private final String topic = "graph-" + UUID.randomUUID();
    private final List<String> handed = new CopyOnWriteArrayList<>();
    private final GraphFollower follower = new GraphFollower(TestingKafka.get().bootstrapServers(), topic, PLATFORM, g -> handed.add(g.commit()));

    @AfterEach
    void close() throws InterruptedException {
        follower.close();
    }

    @Test
    void eachNewCommitsGraphIsHandedOverOnceAndOthersAreSkipped() throws Exception {
        createTopic();
        publish(PLATFORM, graph("c1"));
        publish("Other", "{\"a graph of another platform\": true}");
        publish(PLATFORM, "{not json");
        publish(PLATFORM, graph("c1"));

        follower.start();
        await(() -> handed.contains("c1"));
        publish(PLATFORM, "{\"type\": \"" + PlatformGraph.TYPE + "\", \"data\": null}");
        publish(PLATFORM, graph("c2"));
        await(() -> handed.contains("c2"));

        assertThat(handed).containsExactly("c1", "c2");
        assertThat(follower.commit()).contains("c2");
    }

    @Test
    void onlyTheLastGraphOnTheTopicAtTheStartIsHandedOver() throws Exception {
        createTopic();
        for (String commit : List.of("c1", "c2", "c3")) {
            publish(PLATFORM, graph(commit));
        }

        follower.start();
        await(() -> !handed.isEmpty());
        publish(PLATFORM, graph("c4"));
        await(() -> handed.contains("c4"));

        assertThat(handed).containsExactly("c3", "c4");
    }

    @Test
    void aTopicThatDoesNotExistYetIsWaitedForAndNotCreated() throws Exception {
        follower.start();
        Thread.sleep(1500);
        try (Admin admin = admin()) {
            assertThat(admin.listTopics().names().get(30, TimeUnit.SECONDS)).doesNotContain(topic);
        }

        createTopic();
        publish(PLATFORM, graph("c1"));

        await(() -> handed.contains("c1"));
        assertThat(handed).containsExactly("c1");
    }

    @Test
    void theServiceReadsTheTablesOfTheGraphThatArrived() throws Exception {
        PlatformTablesFixture platform = new PlatformTablesFixture().createSchema().createTables();
        platform.merged(CUSTOMERS, 10, 6, 3, 1, 0, 200, Instant.parse("2026-11-29T10:00:00Z"));
        MetricsService service = new MetricsService();
        createTopic();
        try (GraphFollower serving = new GraphFollower(TestingKafka.get().bootstrapServers(), topic, PLATFORM,
                g -> service.use(new MetricsReader(g.graph(), platform.db::connect)))) {
            service.start(Duration.ofMinutes(10));
            serving.start();
            assertThat(service.latest()).as("before a graph arrived").isEmpty();

            publish(PLATFORM, graph("c1"));

            await(() -> service.latest().isPresent());
            assertThat(service.latest().orElseThrow()).contains(Exposition.STAGING_ROWS + "{platform=\"" + PLATFORM + "\",stream=\"" + CUSTOMERS + "\"} 10");
        } finally {
            service.stop();
        }
    }

    private static String graph(String commit) {
        return PlatformGraphJson.toJson(new PlatformGraph(PLATFORM, commit, "hash-" + commit, MODEL, PlatformTablesFixture.graph()), "/test",
                Instant.parse("2026-11-29T10:00:00Z"));
    }

    private void createTopic() throws Exception {
        try (Admin admin = admin()) {
            admin.createTopics(List.of(new NewTopic(topic, Optional.of(1), Optional.empty()))).all().get(30, TimeUnit.SECONDS);
        }
    }

    private static Admin admin() {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, TestingKafka.get().bootstrapServers()));
    }

    private void publish(String key, String value) throws Exception {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                TestingKafka.get().bootstrapServers(), ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName()))) {
            producer.send(new ProducerRecord<>(topic, key, value)).get(30, TimeUnit.SECONDS);
        }
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(condition.getAsBoolean()).as("within " + PATIENCE).isTrue();
    }
}
