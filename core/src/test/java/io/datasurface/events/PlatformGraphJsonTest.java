package io.datasurface.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.datasurface.load.PlatformResolver;
import io.datasurface.model.Ecosystem;
import io.datasurface.testfixtures.Examples;
import io.datasurface.testfixtures.TestModels;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class PlatformGraphJsonTest {
    static final Path GOLDEN = EventGoldenFiles.FOLDER.resolve(PlatformGraph.TYPE + ".json");

    @Test
    void acmeGraphReadsBackEqual() throws Exception {
        PlatformGraph graph = acme();

        assertThat(PlatformGraphJson.fromJson(PlatformGraphJson.toJson(graph, SampleEvents.SOURCE, SampleEvents.TIME))).isEqualTo(graph);
    }

    @Test
    void graphOfEveryConceptAndTypeReadsBackEqual() throws Exception {
        Ecosystem model = TestModels.everyConcept();
        for (var platform : model.platforms()) {
            var graph = PlatformResolver.graph(model, platform).orElseThrow();
            PlatformGraph record = new PlatformGraph(platform.name(), "c1", "sha256:0", model.owner(), graph);

            assertThat(PlatformGraphJson.fromJson(PlatformGraphJson.toJson(record, "/x", SampleEvents.TIME))).isEqualTo(record);
        }
    }

    @Test
    void minimalGraphJsonEqualsItsGoldenFile() throws Exception {
        assertThat(pretty(minimal())).isEqualTo(Files.readString(GOLDEN));
    }

    @Test
    void operatorEventIsNotReadAsAGraph() {
        String json = CloudEvents.toJson(SampleEvents.all().get(0), "/x");

        assertThatThrownBy(() -> PlatformGraphJson.fromJson(json)).hasMessageContaining("not a platform graph");
    }

    @Test
    void graphOfAnotherPlatformIsRefused() throws Exception {
        var resolved = PlatformResolver.resolve(Examples.acme(), "Prod");

        assertThatThrownBy(() -> new PlatformGraph("Other", "c", "h", resolved.ecosystem().owner(), resolved.graph()))
                .hasMessageContaining("the graph is of platform Prod, not Other");
    }

    static PlatformGraph acme() throws Exception {
        var resolved = PlatformResolver.resolve(Examples.acme(), "Prod");
        return new PlatformGraph("Prod", "9fceb02d0ae598e95dc970b74767f19372d61af8", "sha256:1", resolved.ecosystem().owner(), resolved.graph());
    }

    static PlatformGraph minimal() throws Exception {
        Ecosystem model = io.datasurface.load.Models.loadAndLint(Examples.minimal()).requireValid();
        var platform = model.platforms().get(0);
        return new PlatformGraph(platform.name(), "9fceb02d0ae598e95dc970b74767f19372d61af8", "sha256:1", model.owner(),
                PlatformResolver.graph(model, platform.name()));
    }

    static String pretty(PlatformGraph graph) throws Exception {
        ObjectMapper json = new ObjectMapper();
        return json.writerWithDefaultPrettyPrinter().writeValueAsString(json.readTree(PlatformGraphJson.toJson(graph, SampleEvents.SOURCE,
                SampleEvents.TIME))) + "\n";
    }
}
