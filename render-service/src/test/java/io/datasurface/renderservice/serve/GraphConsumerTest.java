package io.datasurface.renderservice.serve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.datasurface.events.CloudEvents;
import io.datasurface.events.DataSurfaceEvent;
import io.datasurface.events.PlatformGraph;
import io.datasurface.events.PlatformGraphJson;
import io.datasurface.kpsg.IntentionGraph;
import io.datasurface.load.PlatformResolver;
import io.datasurface.render.RenderSettings;
import io.datasurface.testing.TestingKafka;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** render-service serve's consumer against a real broker: graphs in, the files render writes and events out. */
class GraphConsumerTest {
    private static final Path MODEL = Path.of("..", "examples", "acme");
    private static final Path GOLDEN = Path.of("src", "test", "resources", "golden", "acme");
    /** The commit the golden files were rendered from: the DAGs and the graph file name it. */
    private static final String COMMIT = "9fceb02d0ae598e95dc970b74767f19372d61af8";
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    @TempDir
    Path out;

    private GraphConsumer.Topics topics;
    private GraphConsumer consumer;

    @BeforeEach
    void uniqueTopics() {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        topics = new GraphConsumer.Topics(TestingKafka.get().bootstrapServers(), "graph-" + suffix, "events-" + suffix, "render-" + suffix);
    }

    @AfterEach
    void close() {
        if (consumer != null) {
            consumer.close();
        }
    }

    @Test
    void graphEventBecomesExactlyTheFilesRenderWrites() throws Exception {
        publish(acme(COMMIT));
        consumer = consumer(GraphConsumer.Hook.NONE);

        handleOne();

        assertThat(files(out)).isEqualTo(files(GOLDEN, "dags", "graphs", "kafka-connect"));
    }

    @Test
    void renderedGraphIsReportedWithItsCounts() throws Exception {
        publish(acme(COMMIT));
        consumer = consumer(GraphConsumer.Hook.NONE);

        handleOne();

        int rendered = files(GOLDEN, "dags", "graphs", "kafka-connect").size();
        assertThat(events(1)).singleElement().isInstanceOfSatisfying(DataSurfaceEvent.ArtifactsRendered.class, e -> {
            assertThat(e.commit()).isEqualTo(COMMIT);
            assertThat(e.written()).isEqualTo(rendered);
            assertThat(e.unchanged()).isZero();
            assertThat(e.deleted()).isZero();
        });
    }

    @Test
    void filesOfADroppedStreamAreRemoved() throws Exception {
        PlatformGraph full = acme(COMMIT);
        IntentionGraph g = full.graph();
        IntentionGraph fewer = new IntentionGraph(g.platform(), g.schema(), g.streams().subList(1, g.streams().size()), List.of());
        String dropped = g.streams().get(0).key();
        publish(full);
        publish(new PlatformGraph(full.platform(), "c2", "sha256:2", full.modelRepository(), fewer));
        consumer = consumer(GraphConsumer.Hook.NONE);

        handleOne();
        handleOne();

        DataSurfaceEvent.ArtifactsRendered second = (DataSurfaceEvent.ArtifactsRendered) events(2).get(1);
        assertThat(second.deleted()).as("files of stream " + dropped).isPositive();
        assertThat(files(out).keySet()).hasSize(files(GOLDEN, "dags", "graphs", "kafka-connect").size() - second.deleted())
                .allSatisfy(path -> assertThat(path).doesNotContain(dropped.replace('.', '_') + ".py"));
    }

    @Test
    void sameGraphOfTheSameCommitAgainWritesNothing() throws Exception {
        publish(acme(COMMIT));
        publish(acme(COMMIT));
        consumer = consumer(GraphConsumer.Hook.NONE);
        handleOne();
        FileTime old = FileTime.from(Instant.parse("2020-01-01T00:00:00Z"));
        try (Stream<Path> paths = Files.walk(out)) {
            for (Path p : paths.filter(Files::isRegularFile).toList()) {
                Files.setLastModifiedTime(p, old);
            }
        }

        handleOne();

        try (Stream<Path> paths = Files.walk(out)) {
            assertThat(paths.filter(Files::isRegularFile).toList()).allSatisfy(p -> assertThat(Files.getLastModifiedTime(p)).isEqualTo(old));
        }
        assertThat(events(2).get(1)).isInstanceOfSatisfying(DataSurfaceEvent.ArtifactsRendered.class, e -> assertThat(e.written()).isZero());
    }

    @Test
    void crashBetweenRenderAndOffsetCommitRendersAgainWithoutLoss() throws Exception {
        publish(acme(COMMIT));
        consumer = consumer(graph -> {
            throw new IllegalStateException("crash after the files are in place");
        });
        assertThatThrownBy(() -> consumer.pollOnce(TIMEOUT)).hasMessageContaining("crash");
        consumer.close();
        deleteEverything(out);

        consumer = consumer(GraphConsumer.Hook.NONE);
        handleOne();

        assertThat(files(out)).isEqualTo(files(GOLDEN, "dags", "graphs", "kafka-connect"));
        assertThat(events(1)).singleElement().isInstanceOf(DataSurfaceEvent.ArtifactsRendered.class);
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", topics.bootstrapServers()))) {
            assertThat(admin.listConsumerGroupOffsets(topics.groupId()).partitionsToOffsetAndMetadata().get().values())
                    .singleElement().satisfies(o -> assertThat(o.offset()).isEqualTo(1));
        }
    }

    @Test
    void missingSecretsAreReportedByNameAndKey() throws Exception {
        publish(acme(COMMIT));
        consumer = new GraphConsumer(topics, TIMEOUT, new PlatformRendering(out, RenderSettings.DEFAULT,
                Optional.of((namespace, required) -> List.of(new io.datasurface.renderservice.CredentialCheck.Missing("git-model", Optional.empty(),
                        "git-sync"))), Clock.systemUTC()), GraphConsumer.Hook.NONE);

        handleOne();

        assertThat(events(2)).last().isInstanceOfSatisfying(DataSurfaceEvent.CredentialsMissing.class,
                e -> assertThat(e.missing()).containsExactly(new DataSurfaceEvent.MissingSecret("git-model", "token")));
    }

    private GraphConsumer consumer(GraphConsumer.Hook hook) {
        return new GraphConsumer(topics, TIMEOUT, new PlatformRendering(out, RenderSettings.DEFAULT, Optional.empty(), Clock.systemUTC()), hook);
    }

    private void handleOne() throws Exception {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (consumer.pollOnce(Duration.ofMillis(500)) == 0) {
            assertThat(System.nanoTime()).as("a graph within " + TIMEOUT).isLessThan(deadline);
        }
    }

    private static PlatformGraph acme(String commit) throws Exception {
        var resolved = PlatformResolver.resolve(MODEL, "Prod");
        return new PlatformGraph("Prod", commit, "sha256:" + commit, resolved.ecosystem().owner(), resolved.graph());
    }

    private void publish(PlatformGraph graph) throws Exception {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of("bootstrap.servers", topics.bootstrapServers(),
                "key.serializer", StringSerializer.class.getName(), "value.serializer", StringSerializer.class.getName(),
                "max.request.size", PlatformGraph.MAX_RECORD_BYTES))) {
            producer.send(new ProducerRecord<>(topics.graphTopic(), graph.platform(), PlatformGraphJson.toJson(graph, "/test", Instant.now()))).get();
        }
    }

    /** The events on the topic once {@code expected} arrived and no more came for a second. */
    private List<DataSurfaceEvent> events(int expected) {
        return TestingKafka.get().readSettled(topics.eventsTopic(), expected, Duration.ofSeconds(10), Duration.ofSeconds(1)).stream()
                .map(CloudEvents::fromJson).toList();
    }

    /** Every file under the folders of {@code root} (all when none given) by relative path, with its content. */
    private static Map<String, String> files(Path root, String... folders) throws Exception {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.filter(Files::isRegularFile).toList()) {
                String relative = root.relativize(p).toString().replace('\\', '/');
                if (folders.length == 0 || Stream.of(folders).anyMatch(f -> relative.startsWith(f + "/"))) {
                    files.put(relative, Files.readString(p));
                }
            }
        }
        return files;
    }

    private static void deleteEverything(Path root) throws Exception {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).filter(p -> !p.equals(root)).toList()) {
                Files.delete(p);
            }
        }
    }
}
