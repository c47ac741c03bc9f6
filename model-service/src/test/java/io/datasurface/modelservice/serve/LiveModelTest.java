package io.datasurface.modelservice.serve;

import static org.assertj.core.api.Assertions.assertThat;

import io.datasurface.events.CloudEvents;
import io.datasurface.events.DataSurfaceEvent;
import io.datasurface.events.PlatformGraph;
import io.datasurface.events.PlatformGraphJson;
import io.datasurface.load.PlatformResolver;
import io.datasurface.modelservice.governance.TestingModelRepository;
import io.datasurface.testing.TestingKafka;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** model-service serve's handling of the live branch, against a real git repository and a real broker. */
class LiveModelTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final Duration QUIET = Duration.ofSeconds(2);
    private static final String SALES = "zones/USA/teams/sales.yaml";

    private TestingModelRepository repo;
    private TestSettings.Topics topicNames;
    private Path workDir;
    private LiveBranch branch;
    private GraphTopics topics;

    @BeforeEach
    void setUp() throws Exception {
        repo = TestingModelRepository.withAcme("");
        topicNames = TestSettings.Topics.unique();
        workDir = Files.createTempDirectory("ds-model-service");
        branch = LiveBranch.open(TestSettings.Repository.of(repo.dir()), repo.dir().toString(), workDir, Map.of());
        topics = new GraphTopics(TestingKafka.get().bootstrapServers(), topicNames, TIMEOUT);
    }

    @AfterEach
    void tearDown() {
        topics.close();
        branch.close();
        repo.close();
    }

    @Test
    void commitGivesGraphPublishedAndTheGraphOnTheTopic() throws Exception {
        LiveModel model = LiveModel.start(branch, topics, Clock.systemUTC());
        String commit = repo.edit(SALES, "{name: email, type: varchar(200), nullable: true}",
                "{name: email, type: varchar(200), nullable: true}\n          - {name: phone, type: varchar(30), nullable: true}").commit("add phone");

        model.poll();

        List<DataSurfaceEvent> events = events(1, TIMEOUT);
        assertThat(events).singleElement().isInstanceOfSatisfying(DataSurfaceEvent.GraphPublished.class, e -> {
            assertThat(e.platform()).isEqualTo("Prod");
            assertThat(e.commit()).isEqualTo(commit);
        });
        PlatformGraph graph = PlatformGraphJson.fromJson(TestingKafka.get().readValues(topicNames.graph(), 1, TIMEOUT).get(0));
        assertThat(graph.commit()).isEqualTo(commit);
        assertThat(graph.graph()).isEqualTo(PlatformResolver.resolve(repo.dir(), "Prod").graph());
    }

    @Test
    void graphTopicIsCompacted() throws Exception {
        LiveModel.start(branch, topics, Clock.systemUTC());

        try (Admin admin = Admin.create(Map.of("bootstrap.servers", TestingKafka.get().bootstrapServers()))) {
            ConfigResource topic = new ConfigResource(ConfigResource.Type.TOPIC, topicNames.graph());
            assertThat(admin.describeConfigs(List.of(topic)).all().get().get(topic).get("cleanup.policy").value()).isEqualTo("compact");
        }
    }

    @Test
    void badCommitGivesModelRejectedWithFileAndLine() throws Exception {
        LiveModel model = LiveModel.start(branch, topics, Clock.systemUTC());
        model.poll();
        String bad = repo.edit(SALES, "{name: id, type: bigint, key: true}", "{name: id, type: bigint}").commit("no key");

        model.poll();

        List<DataSurfaceEvent> events = events(2, TIMEOUT);
        assertThat(events).hasSize(2).last().isInstanceOfSatisfying(DataSurfaceEvent.ModelRejected.class, e -> {
            assertThat(e.commit()).isEqualTo(bad);
            assertThat(e.problems()).anySatisfy(p -> assertThat(p).startsWith(SALES + ":12:").contains("primary-key"));
        });
        assertThat(TestingKafka.get().readSettled(topicNames.graph(), 1, TIMEOUT, QUIET)).hasSize(1);
    }

    @Test
    void commitThatChangesNoModelFilePublishesNothing() throws Exception {
        LiveModel model = LiveModel.start(branch, topics, Clock.systemUTC());
        model.poll();
        repo.write("README.md", "still not part of the model\n").commit("docs");

        LiveModel.Outcome outcome = model.poll();

        assertThat(outcome).isInstanceOf(LiveModel.Outcome.SameModel.class);
        assertThat(settledEvents(1)).hasSize(1);
    }

    @Test
    void restartedServicePublishesNothingNew() throws Exception {
        LiveModel.start(branch, topics, Clock.systemUTC()).poll();
        topics.close();
        branch.close();
        branch = LiveBranch.open(TestSettings.Repository.of(repo.dir()), repo.dir().toString(), Files.createTempDirectory("ds-restart"), Map.of());
        topics = new GraphTopics(TestingKafka.get().bootstrapServers(), topicNames, TIMEOUT);

        LiveModel.Outcome outcome = LiveModel.start(branch, topics, Clock.systemUTC()).poll();

        assertThat(outcome).isInstanceOf(LiveModel.Outcome.SameModel.class);
        assertThat(settledEvents(1)).hasSize(1);
        assertThat(TestingKafka.get().readSettled(topicNames.graph(), 1, TIMEOUT, QUIET)).hasSize(1);
    }

    @Test
    void sameCommitIsNotReadAgain() throws Exception {
        LiveModel model = LiveModel.start(branch, topics, Clock.systemUTC());
        model.poll();

        assertThat(model.poll()).isInstanceOf(LiveModel.Outcome.SameCommit.class);
    }

    /** The events on the topic once {@code expected} arrived and no more came for a while. */
    private List<DataSurfaceEvent> settledEvents(int expected) {
        return TestingKafka.get().readSettled(topicNames.events(), expected, TIMEOUT, QUIET).stream().map(CloudEvents::fromJson).toList();
    }

    /** The events on the topic once {@code count} arrived, or after the wait. */
    private List<DataSurfaceEvent> events(int count, Duration wait) {
        return TestingKafka.get().readValues(topicNames.events(), count, wait).stream().map(CloudEvents::fromJson).toList();
    }
}
