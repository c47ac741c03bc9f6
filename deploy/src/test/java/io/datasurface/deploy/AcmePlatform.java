package io.datasurface.deploy;

import io.datasurface.kpsg.IntentionGraphBuilder;
import io.datasurface.load.Models;
import io.datasurface.model.Ecosystem;
import io.datasurface.model.KubernetesPGStarter;
import io.datasurface.render.KpsgRenderer;
import io.datasurface.render.RenderRequest;
import io.datasurface.render.RenderSettings;
import io.datasurface.render.RenderedFile;
import java.util.List;

/** The example model's platform Prod, rendered with the default settings, as render-service renders it: what k8s/ deploys beside. */
final class AcmePlatform {
    static final String PLATFORM = "Prod";

    private AcmePlatform() {
    }

    static RenderRequest request() {
        try {
            Ecosystem ecosystem = Models.loadAndLint(Repo.ROOT.resolve("examples/acme")).requireValid();
            KubernetesPGStarter platform = (KubernetesPGStarter) ecosystem.platform(PLATFORM).orElseThrow();
            return new RenderRequest(IntentionGraphBuilder.build(ecosystem, platform), "9fceb02d0ae598e95dc970b74767f19372d61af8", ecosystem.owner(),
                    RenderSettings.DEFAULT);
        } catch (Exception e) {
            throw new IllegalStateException("the example model must load cleanly", e);
        }
    }

    static String file(List<RenderedFile> files, String path) {
        return files.stream().filter(f -> f.path().equals(path)).findFirst().orElseThrow(() -> new AssertionError("not rendered: " + path))
                .content();
    }

    static List<RenderedFile> bootstrap() {
        return KpsgRenderer.bootstrap(request());
    }

    static List<RenderedFile> rendered() {
        return KpsgRenderer.render(request());
    }
}
