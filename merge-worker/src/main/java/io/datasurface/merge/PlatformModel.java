package io.datasurface.merge;

import static java.util.Objects.requireNonNull;

import io.datasurface.kpsg.IntentionGraph;
import io.datasurface.kpsg.IntentionGraphBuilder;
import io.datasurface.lint.ModelLinter;
import io.datasurface.model.DataPlatform;
import io.datasurface.model.Ecosystem;
import io.datasurface.model.KubernetesPGStarter;
import io.datasurface.yaml.InvalidModelException;
import io.datasurface.yaml.ModelLoadException;
import java.nio.file.Path;
import java.util.stream.Collectors;
import picocli.CommandLine.Option;

/** The {@code --model} and {@code --platform} options every command takes, and the intention graph they give. */
public class PlatformModel {
    @Option(names = "--model", required = true, paramLabel = "DIR", description = "The model folder (it holds ecosystem.yaml).")
    Path model;

    @Option(names = "--platform", required = true, paramLabel = "P", description = "The KubernetesPGStarter platform to work for.")
    String platform;

    /** The platform's intention graph, from a model that lints clean. */
    public IntentionGraph graph() throws UnusableInputException {
        Ecosystem ecosystem;
        try {
            ecosystem = ModelLinter.loadAndLint(model).requireValid();
        } catch (ModelLoadException | InvalidModelException e) {
            throw new UnusableInputException(e.getMessage());
        }
        DataPlatform p = ecosystem.platform(platform).orElseThrow(() -> new UnusableInputException("no platform named '" + platform
                + "' in the model; it has: " + ecosystem.platforms().stream().map(DataPlatform::name).collect(Collectors.joining(", "))));
        if (!(p instanceof KubernetesPGStarter kpsg)) {
            throw new UnusableInputException("platform " + platform + " is a " + p.kind() + "; the merge-worker serves "
                    + KubernetesPGStarter.KIND + " platforms only");
        }
        return requireNonNull(IntentionGraphBuilder.build(ecosystem, kpsg), "graph is null");
    }
}
