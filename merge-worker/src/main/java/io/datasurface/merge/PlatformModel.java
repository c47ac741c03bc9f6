package io.datasurface.merge;

import io.datasurface.cli.UnusableInputException;
import io.datasurface.kpsg.IntentionGraph;
import io.datasurface.kpsg.WorkspaceSchema;
import io.datasurface.kpsg.WorkspaceSchemas;
import io.datasurface.load.Models;
import io.datasurface.load.PlatformResolver;
import io.datasurface.load.UnknownPlatformException;
import io.datasurface.model.KubernetesPGStarter;
import io.datasurface.yaml.InvalidModelException;
import io.datasurface.yaml.ModelLoadException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Option;

/** The {@code --model} and {@code --platform} options every command takes, and the intention graph they give. */
public class PlatformModel {
    @Option(names = "--model", required = true, paramLabel = "DIR", description = "The model folder (it holds ecosystem.yaml).")
    Path model;

    @Option(names = "--platform", required = true, paramLabel = "P", description = "The KubernetesPGStarter platform to work for.")
    String platform;

    /**
     * The platform's settings as far as the model can be read at all, even with lint errors: enough to
     * tell operators (its database and Kafka) that a run could not start. Empty when not even that.
     */
    public Optional<KubernetesPGStarter> platformOfAnyModel() {
        try {
            return Models.loadAndLint(model).ecosystem().flatMap(e -> e.platform(platform))
                    .filter(KubernetesPGStarter.class::isInstance).map(KubernetesPGStarter.class::cast);
        } catch (ModelLoadException e) {
            return Optional.empty();
        }
    }

    /** The platform's intention graph, from a model that lints clean. */
    public IntentionGraph graph() throws UnusableInputException {
        return resolved().graph();
    }

    /** The platform's graph and the schemas its workspaces read, from a model that lints clean. */
    public Platform platform() throws UnusableInputException {
        PlatformResolver.ResolvedPlatform resolved = resolved();
        return new Platform(resolved.graph(), WorkspaceSchemas.build(resolved.ecosystem(), resolved.graph()));
    }

    public record Platform(IntentionGraph graph, List<WorkspaceSchema> workspaces) {
    }

    private PlatformResolver.ResolvedPlatform resolved() throws UnusableInputException {
        try {
            return PlatformResolver.resolve(model, platform);
        } catch (ModelLoadException | InvalidModelException | UnknownPlatformException e) {
            throw new UnusableInputException(e.getMessage());
        }
    }
}
