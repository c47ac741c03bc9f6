package io.datasurface.notifier;

import io.datasurface.cli.UnusableInputException;
import io.datasurface.kpsg.IntentionGraph;
import io.datasurface.load.PlatformResolver;
import io.datasurface.load.UnknownPlatformException;
import io.datasurface.yaml.InvalidModelException;
import io.datasurface.yaml.ModelLoadException;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The {@code --model} and {@code --platform} options (as the rendered system DAG passes them), and the graph they give. */
public class PlatformModel {
    @Option(names = "--model", required = true, paramLabel = "DIR", description = "The model folder (it holds ecosystem.yaml).")
    Path model;

    @Option(names = "--platform", required = true, paramLabel = "P", description = "The KubernetesPGStarter platform whose Slack channel and events to serve.")
    String platform;

    /** The platform's intention graph, from a model that lints clean. */
    public IntentionGraph graph() throws UnusableInputException {
        try {
            return PlatformResolver.resolve(model, platform).graph();
        } catch (ModelLoadException | InvalidModelException | UnknownPlatformException e) {
            throw new UnusableInputException(e.getMessage());
        }
    }
}
