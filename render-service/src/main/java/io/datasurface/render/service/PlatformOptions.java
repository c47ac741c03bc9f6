package io.datasurface.render.service;

import io.datasurface.cli.ExitCodes;
import io.datasurface.kpsg.IntentionGraph;
import io.datasurface.kpsg.IntentionGraphBuilder;
import io.datasurface.lint.ModelLinter;
import io.datasurface.model.DataPlatform;
import io.datasurface.model.Ecosystem;
import io.datasurface.model.KubernetesPGStarter;
import io.datasurface.render.RenderRequest;
import io.datasurface.render.RenderSettings;
import io.datasurface.yaml.InvalidModelException;
import io.datasurface.yaml.ModelLoadException;
import java.io.PrintWriter;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The --model and --platform options every command takes, and turning them into a render request. */
public class PlatformOptions {

    @Option(names = "--model", paramLabel = "DIR", required = true, description = "The model folder (it holds ecosystem.yaml).")
    Path model;

    @Option(names = "--platform", paramLabel = "P", required = true, description = "The platform to render, by name.")
    String platform;

    /** What the options lead to: a request, or the exit code and message already printed. */
    public sealed interface Loaded {
        record Ready(RenderRequest request) implements Loaded {
        }

        record Failed(int exitCode) implements Loaded {
        }
    }

    public Loaded load(RenderSettings settings, PrintWriter err) {
        Ecosystem ecosystem;
        try {
            ecosystem = ModelLinter.loadAndLint(model).requireValid();
        } catch (ModelLoadException e) {
            err.println("error: " + e.getMessage());
            return new Loaded.Failed(ExitCodes.UNUSABLE);
        } catch (InvalidModelException e) {
            err.println("error: " + e.getMessage());
            err.println("fix the model (model-service lint " + model + " lists every problem), then render again");
            return new Loaded.Failed(ExitCodes.REJECTED);
        }
        DataPlatform found = ecosystem.platform(platform).orElse(null);
        if (found == null) {
            err.println("error: the model has no platform named '" + platform + "'; it has: "
                    + String.join(", ", ecosystem.platforms().stream().map(DataPlatform::name).toList()));
            return new Loaded.Failed(ExitCodes.UNUSABLE);
        }
        if (!(found instanceof KubernetesPGStarter kpsg)) {
            err.println("error: platform '" + platform + "' is a " + found.kind() + "; render-service renders only "
                    + KubernetesPGStarter.KIND + " platforms");
            return new Loaded.Failed(ExitCodes.UNUSABLE);
        }
        IntentionGraph graph = IntentionGraphBuilder.build(ecosystem, kpsg);
        return new Loaded.Ready(new RenderRequest(graph, ecosystem.owner(), settings));
    }
}
