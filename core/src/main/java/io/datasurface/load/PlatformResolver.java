package io.datasurface.load;

import io.datasurface.kpsg.IntentionGraph;
import io.datasurface.kpsg.IntentionGraphBuilder;
import io.datasurface.model.DataPlatform;
import io.datasurface.model.Ecosystem;
import io.datasurface.model.KubernetesPGStarter;
import io.datasurface.yaml.InvalidModelException;
import io.datasurface.yaml.ModelLoadException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * From a model folder and a platform name to the platform's intention graph: load and lint the
 * model, find the platform, check that it is a kind this product runs, build its graph. Every
 * command that works for one platform goes through here, so each failure has one message.
 */
public final class PlatformResolver {
    private PlatformResolver() {
    }

    /** A platform's graph and the ecosystem it was built from. */
    public record ResolvedPlatform(Ecosystem ecosystem, IntentionGraph graph) {
    }

    /**
     * @throws ModelLoadException when the model cannot be read at all
     * @throws InvalidModelException when the model has errors
     * @throws UnknownPlatformException when no platform of that name and a served kind exists
     */
    public static ResolvedPlatform resolve(Path model, String platform)
            throws ModelLoadException, InvalidModelException, UnknownPlatformException {
        Ecosystem ecosystem = Models.loadAndLint(model).requireValid();
        return new ResolvedPlatform(ecosystem, graph(ecosystem, platform));
    }

    /** The graph of the named platform of a valid ecosystem. */
    public static IntentionGraph graph(Ecosystem ecosystem, String platform) throws UnknownPlatformException {
        DataPlatform found = ecosystem.platform(platform).orElseThrow(() -> UnknownPlatformException.noSuchPlatform(ecosystem, platform));
        return graph(ecosystem, found).orElseThrow(() -> UnknownPlatformException.notServed(found));
    }

    /** The graph of a platform, when it is of a kind that has one. */
    public static Optional<IntentionGraph> graph(Ecosystem ecosystem, DataPlatform platform) {
        return platform instanceof KubernetesPGStarter kpsg ? Optional.of(IntentionGraphBuilder.build(ecosystem, kpsg)) : Optional.empty();
    }

    /** The graph of the named platform when the ecosystem has one of a served kind; for comparing two models. */
    public static Optional<IntentionGraph> find(Ecosystem ecosystem, String platform) {
        return ecosystem.platform(platform).flatMap(p -> graph(ecosystem, p));
    }
}
