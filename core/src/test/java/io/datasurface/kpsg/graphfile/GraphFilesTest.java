package io.datasurface.kpsg.graphfile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.datasurface.cli.UnusableInputException;
import io.datasurface.kpsg.IntentionGraph;
import io.datasurface.load.PlatformResolver;
import io.datasurface.model.Documentation;
import io.datasurface.model.Ecosystem;
import io.datasurface.model.KubernetesPGStarter;
import io.datasurface.testfixtures.Examples;
import io.datasurface.testfixtures.TestModels;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GraphFilesTest {
    static final String COMMIT = "9fceb02d0ae598e95dc970b74767f19372d61af8";

    @TempDir
    Path dir;

    @Test
    void acmeGraphReadsBackEqualWithItsWorkspaces() throws Exception {
        IntentionGraph graph = PlatformResolver.resolve(Examples.acme(), "Prod").graph();
        Path file = write(new GraphFile(COMMIT, graph));

        GraphFile read = GraphFiles.read(file, "Prod", COMMIT);

        // Records compare every field, so a field the codec forgot (here or in a record it holds) fails this.
        assertThat(read).isEqualTo(new GraphFile(COMMIT, graph));
        assertThat(read.graph().workspaces()).isNotEmpty();
        assertThat(read.graph().workspaces()).anyMatch(w -> w.views().stream().anyMatch(v -> v.history().isPresent()));
    }

    @Test
    void graphOfEveryConceptAndTypeReadsBackEqual() throws Exception {
        Ecosystem model = TestModels.everyConcept();
        for (var platform : model.platforms()) {
            IntentionGraph graph = PlatformResolver.graph(model, platform).orElseThrow();

            assertThat(GraphFiles.parse(GraphFiles.toJson(new GraphFile("c1", graph)).getBytes(StandardCharsets.UTF_8), "f"))
                    .isEqualTo(new GraphFile("c1", graph));
        }
    }

    @Test
    void textBeyondAsciiReadsBackEqualAndMatchesItsHash() throws Exception {
        IntentionGraph acme = PlatformResolver.resolve(Examples.acme(), "Prod").graph();
        KubernetesPGStarter p = acme.platform();
        KubernetesPGStarter platform = new KubernetesPGStarter(p.name(), new Documentation("Plattform f\u00fcr Zahlungen \u2713 \uD83D\uDE00 \"quoted\"\n"),
                p.namespace(), p.postgres(), p.kafka(), p.kafkaConnect(), p.airflow(), p.mergeImage(), p.gitCredential(), p.slack(),
                p.mergeInterval(), p.retention());
        IntentionGraph graph = new IntentionGraph(platform, acme.schema(), acme.streams(), acme.workspaces());

        assertThat(GraphFiles.read(write(new GraphFile(COMMIT, graph)), "Prod", COMMIT).graph()).isEqualTo(graph);
    }

    @Test
    void sameGraphAndCommitGiveTheSameBytes() throws Exception {
        IntentionGraph graph = PlatformResolver.resolve(Examples.acme(), "Prod").graph();
        String first = GraphFiles.toJson(new GraphFile(COMMIT, graph));
        String again = GraphFiles.toJson(GraphFiles.parse(first.getBytes(StandardCharsets.UTF_8), "f"));

        assertThat(again).isEqualTo(first);
        assertThat(first).startsWith("{\"format\":\"datasurface-graph/1\",\"platform\":\"Prod\",\"commit\":\"" + COMMIT
                + "\",\"contentHash\":\"sha256:").endsWith("}\n");
    }

    @Test
    void fileWhoseGraphWasEditedIsRefused() throws Exception {
        Path file = write(new GraphFile(COMMIT, PlatformResolver.resolve(Examples.acme(), "Prod").graph()));
        String text = Files.readString(file);
        Files.writeString(file, text.replaceFirst("\"mergeTable\":\"customer_db_customers_merge\"", "\"mergeTable\":\"customer_db_customers_merg2\""));
        assertThat(Files.readString(file)).isNotEqualTo(text);

        assertThatThrownBy(() -> GraphFiles.read(file, "Prod", COMMIT)).isInstanceOf(UnusableInputException.class)
                .hasMessageContaining("does not match its content hash").hasMessageContaining("render-service render");
    }

    @Test
    void fileWhoseCommitWasEditedIsRefused() throws Exception {
        Path file = write(new GraphFile(COMMIT, PlatformResolver.resolve(Examples.acme(), "Prod").graph()));
        Files.writeString(file, Files.readString(file).replace(COMMIT, "0000000000000000000000000000000000000000"));

        assertThatThrownBy(() -> GraphFiles.read(file, "Prod", "0000000000000000000000000000000000000000"))
                .hasMessageContaining("does not match its content hash");
    }

    @Test
    void fileCutShortIsRefused() throws Exception {
        Path file = write(new GraphFile(COMMIT, PlatformResolver.resolve(Examples.acme(), "Prod").graph()));
        byte[] bytes = Files.readAllBytes(file);
        Files.write(file, java.util.Arrays.copyOf(bytes, bytes.length / 2));

        assertThatThrownBy(() -> GraphFiles.read(file, "Prod", COMMIT)).isInstanceOf(UnusableInputException.class)
                .hasMessageContaining("is not a readable DataSurface graph file");
    }

    @Test
    void fileOfAnotherCommitIsRefused() throws Exception {
        Path file = write(new GraphFile(COMMIT, PlatformResolver.resolve(Examples.acme(), "Prod").graph()));

        assertThatThrownBy(() -> GraphFiles.read(file, "Prod", "1111111111111111111111111111111111111111"))
                .isInstanceOf(UnusableInputException.class)
                .hasMessageContaining("was made from commit " + COMMIT + ", but this job was started for commit 1111111111111111111111111111111111111111");
    }

    @Test
    void fileOfAnotherPlatformIsRefused() throws Exception {
        Path file = write(new GraphFile(COMMIT, PlatformResolver.resolve(Examples.acme(), "Prod").graph()));

        assertThatThrownBy(() -> GraphFiles.read(file, "Test", COMMIT)).hasMessageContaining("is of platform Prod, not Test");
    }

    @Test
    void missingFileSaysWhoWritesIt() {
        assertThatThrownBy(() -> GraphFiles.read(dir.resolve("graphs/prod.json"), "Prod", COMMIT))
                .hasMessageContaining("no graph file").hasMessageContaining("render-service");
    }

    @Test
    void jsonThatIsNotAGraphFileIsRefused() throws Exception {
        Path file = dir.resolve("other.json");
        Files.writeString(file, "{\"specversion\":\"1.0\",\"type\":\"x\"}");

        assertThatThrownBy(() -> GraphFiles.read(file, "Prod", COMMIT)).hasMessageContaining("is not a readable DataSurface graph file");
    }

    @Test
    void blankCommitIsNotACommit() throws Exception {
        IntentionGraph graph = PlatformResolver.resolve(Examples.minimal(), "Prod").graph();

        assertThatThrownBy(() -> new GraphFile(" ", graph)).hasMessageContaining("is not a commit id");
    }

    @Test
    void fileLivesBesideTheDagsNamedAfterTheSchema() {
        assertThat(GraphFiles.path("prod")).isEqualTo("graphs/prod.json");
    }

    private Path write(GraphFile graph) throws Exception {
        Path file = dir.resolve(GraphFiles.path(graph.graph().schema()));
        Files.createDirectories(file.getParent());
        Files.writeString(file, GraphFiles.toJson(graph));
        return file;
    }
}
