package io.datasurface.renderservice;

import io.datasurface.cli.ExitCodes;
import io.datasurface.load.PlatformResolver;
import io.datasurface.load.PlatformResolver.ResolvedPlatform;
import io.datasurface.load.UnknownPlatformException;
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
        try {
            ResolvedPlatform resolved = PlatformResolver.resolve(model, platform);
            return new Loaded.Ready(new RenderRequest(resolved.graph(), resolved.ecosystem().owner(), settings));
        } catch (ModelLoadException | UnknownPlatformException e) {
            err.println("error: " + e.getMessage());
            return new Loaded.Failed(ExitCodes.UNUSABLE);
        } catch (InvalidModelException e) {
            err.println("error: " + e.getMessage());
            err.println("fix the model (model-service lint " + model + " lists every problem), then render again");
            return new Loaded.Failed(ExitCodes.REJECTED);
        }
    }
}
