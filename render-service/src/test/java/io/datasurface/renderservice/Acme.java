package io.datasurface.renderservice;

import io.datasurface.kpsg.IntentionGraph;
import io.datasurface.kpsg.IntentionGraphBuilder;
import io.datasurface.load.Models;
import io.datasurface.model.Ecosystem;
import io.datasurface.model.KubernetesPGStarter;
import io.datasurface.render.KpsgRenderer;
import io.datasurface.render.RenderRequest;
import io.datasurface.render.RenderSettings;
import io.datasurface.render.RenderedFile;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The example model's platform Prod, rendered with the default settings: what the golden files hold. */
final class Acme {
    static final Path MODEL = Path.of("..", "examples", "acme");
    static final String PLATFORM = "Prod";
    /** The model commit the golden files were rendered from (any commit id would do; the DAGs and the graph file name it). */
    static final String COMMIT = "9fceb02d0ae598e95dc970b74767f19372d61af8";
    static final Path GOLDEN = Path.of("src", "test", "resources", "golden", "acme");

    private Acme() {
    }

    static RenderRequest request() {
        try {
            Ecosystem ecosystem = Models.loadAndLint(MODEL).requireValid();
            KubernetesPGStarter platform = (KubernetesPGStarter) ecosystem.platform(PLATFORM).orElseThrow();
            return new RenderRequest(IntentionGraphBuilder.build(ecosystem, platform), COMMIT, ecosystem.owner(), RenderSettings.DEFAULT);
        } catch (Exception e) {
            throw new IllegalStateException("the example model must load cleanly", e);
        }
    }

    static IntentionGraph graph() {
        return request().graph();
    }

    /** Everything render and bootstrap write for the example, sorted by path. */
    static List<RenderedFile> allFiles() {
        RenderRequest request = request();
        List<RenderedFile> files = new ArrayList<>(KpsgRenderer.render(request));
        files.addAll(KpsgRenderer.bootstrap(request));
        return files;
    }

    static String file(List<RenderedFile> files, String path) {
        return files.stream().filter(f -> f.path().equals(path)).findFirst().orElseThrow(() -> new AssertionError("not rendered: " + path))
                .content();
    }
}
