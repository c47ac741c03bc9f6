package io.datasurface.metricsexporter;

import static org.assertj.core.api.Assertions.assertThat;

import io.datasurface.kpsg.graphfile.GraphFile;
import io.datasurface.kpsg.graphfile.GraphFiles;
import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainLauncher;
import io.quarkus.test.junit.main.QuarkusMainTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@QuarkusMainTest
class CommandsTest {
    private static final String PUSHGATEWAY = "datasurface.metrics-exporter.pushgateway";
    private final PlatformTablesFixture platform = new PlatformTablesFixture();

    @BeforeEach
    void environment() {
        TestEnvironment.set(Environment.JDBC_URL, platform.db.jdbcUrl());
        TestEnvironment.set("PG_MAIN_USER", platform.db.user());
        TestEnvironment.set("PG_MAIN_PASSWORD", platform.db.password());
    }

    @AfterEach
    void clear() {
        System.clearProperty(PUSHGATEWAY);
        List.of(Environment.JDBC_URL, "PG_MAIN_USER", "PG_MAIN_PASSWORD").forEach(TestEnvironment::clear);
    }

    private static final String COMMIT = "9fceb02d0ae598e95dc970b74767f19372d61af8";

    @TempDir
    Path dir;

    /** The arguments the rendered system DAG gives the collect task: the platform's graph file and the DAG's commit. */
    private String[] collect() {
        return collect(COMMIT);
    }

    private String[] collect(String commit) {
        Path graph = dir.resolve(GraphFiles.path(PlatformTablesFixture.graph().schema()));
        try {
            Files.createDirectories(graph.getParent());
            Files.writeString(graph, GraphFiles.toJson(new GraphFile(COMMIT, PlatformTablesFixture.graph())));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new String[] {"collect", "--graph", graph.toString(), "--commit", commit, "--platform", PlatformTablesFixture.PLATFORM};
    }

    @Test
    void collectRefusesAGraphFileOfAnotherCommit(QuarkusMainLauncher launcher) {
        LaunchResult result = launcher.launch(collect("1111111111111111111111111111111111111111"));

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.getErrorOutput()).contains("was made from commit " + COMMIT + ", but this job was started for commit 1111111111111111111111111111111111111111");
    }

    @Test
    void collectStillReadsAModelFolder(QuarkusMainLauncher launcher) {
        LaunchResult result = launcher.launch("collect", "--model", PlatformTablesFixture.MODEL.toString(), "--platform", PlatformTablesFixture.PLATFORM);

        assertThat(result.exitCode()).as(result.getErrorOutput()).isZero();
    }

    @Test
    void helpExitsZeroOnEveryCommand(QuarkusMainLauncher launcher) {
        for (String command : List.of("serve", "collect")) {
            LaunchResult result = launcher.launch(command, "--help");
            assertThat(result.exitCode()).as(command + " --help").isZero();
            assertThat(result.getOutput()).as(command + " --help").contains("Usage:");
        }
        assertThat(launcher.launch("--help").exitCode()).isZero();
    }

    @Test
    void serveFromTheGraphTopicAndAModelFolderAtOnceIsUnusableInput(QuarkusMainLauncher launcher) {
        LaunchResult result = launcher.launch("serve", "--graph-topic", "datasurface.graph", "--model", PlatformTablesFixture.MODEL.toString(),
                "--platform", PlatformTablesFixture.PLATFORM);

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.getErrorOutput()).contains("--graph-topic and --model both say where the graph comes from: give one");
    }

    @Test
    void serveFromTheGraphTopicWithoutKafkaIsUnusableInputNamingTheVariable(QuarkusMainLauncher launcher) {
        LaunchResult result = launcher.launch("serve", "--graph-topic", "datasurface.graph", "--platform", PlatformTablesFixture.PLATFORM);

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.getErrorOutput()).contains("--bootstrap-servers", "KAFKA_BOOTSTRAP_SERVERS");
    }

    @Test
    void serveFromTheGraphTopicWithAnUnusableKafkaAddressIsUnusableInput(QuarkusMainLauncher launcher) {
        LaunchResult result = launcher.launch("serve", "--graph-topic", "datasurface.graph", "--bootstrap-servers", "kafka-without-port",
                "--platform", PlatformTablesFixture.PLATFORM);

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.getErrorOutput()).contains("Kafka at kafka-without-port cannot be used");
    }

    @Test
    void collectWithoutAPushgatewayReadsTheTablesPushesNothingAndSaysWhereTheSeriesAre(QuarkusMainLauncher launcher) {
        LaunchResult result = launcher.launch(collect());

        assertThat(result.exitCode()).as(result.getErrorOutput()).isZero();
        assertThat(result.getOutput()).contains("no Pushgateway configured (DATASURFACE_METRICS_EXPORTER_PUSHGATEWAY), so nothing was pushed",
                "metrics-exporter serve serves these series at /q/metrics");
    }

    @Test
    void collectOfAnUnknownPlatformIsUnusableInput(QuarkusMainLauncher launcher) {
        System.setProperty(PUSHGATEWAY, "http://127.0.0.1:9");

        LaunchResult result = launcher.launch("collect", "--model", PlatformTablesFixture.MODEL.toString(), "--platform", "Nope");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.getErrorOutput()).contains("Nope");
    }

    @Test
    void collectWithoutTheDatabaseCredentialIsUnusableInputNamingTheVariable(QuarkusMainLauncher launcher) {
        System.setProperty(PUSHGATEWAY, "http://127.0.0.1:9");
        TestEnvironment.clear("PG_MAIN_PASSWORD");

        LaunchResult result = launcher.launch(collect());

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.getErrorOutput()).contains("PG_MAIN_PASSWORD", "pg-main");
    }

    @Test
    void collectFailsWhenThePushgatewayIsUnreachable(QuarkusMainLauncher launcher) throws IOException {
        System.setProperty(PUSHGATEWAY, "http://127.0.0.1:" + closedPort());

        LaunchResult result = launcher.launch(collect());

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.getErrorOutput()).contains("pushing to the Pushgateway failed", "unreachable", "Connect");
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
