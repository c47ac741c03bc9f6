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
import java.util.Optional;
import picocli.CommandLine.Option;

/** The --model and --platform options every command takes, and turning them into a render request. */
public class PlatformOptions {

    @Option(names = "--model", paramLabel = "DIR", required = true, description = "The model folder (it holds ecosystem.yaml).")
    Path model;

    @Option(names = "--platform", paramLabel = "P", required = true, description = "The platform to render, by name.")
    String platform;

    @Option(names = "--commit", paramLabel = "SHA", description = "The model commit being rendered: the DAGs hand it to their jobs, which "
            + "refuse a graph file of another commit. Default: the commit checked out where the model folder is (git-sync's clone in the "
            + "renderer's pod).")
    String commit;

    /** What the options lead to: a request, or the exit code and message already printed. */
    public sealed interface Loaded {
        record Ready(RenderRequest request) implements Loaded {
        }

        record Failed(int exitCode) implements Loaded {
        }
    }

    /** What bootstrap and check-credentials render does not depend on the commit: it is the one given, or HEAD's when known. */
    static final String NO_COMMIT = "unknown";

    /** For bootstrap and check-credentials, whose output does not name the commit. */
    public Loaded load(RenderSettings settings, PrintWriter err) {
        return load(settings, err, false);
    }

    /** @param needsCommit whether the output names the commit (the DAGs and the graph file do), so that it must be known */
    public Loaded load(RenderSettings settings, PrintWriter err, boolean needsCommit) {
        try {
            ResolvedPlatform resolved = PlatformResolver.resolve(model, platform);
            Optional<String> at = commit != null ? Optional.of(commit) : GitHead.of(model);
            if (at.isEmpty() && !needsCommit) {
                at = Optional.of(NO_COMMIT);
            }
            if (at.isEmpty()) {
                err.println("error: " + model + " is not in a git work tree, so its commit is unknown: pass --commit SHA (the model's commit)");
                return new Loaded.Failed(ExitCodes.UNUSABLE);
            }
            return new Loaded.Ready(new RenderRequest(resolved.graph(), at.get(), resolved.ecosystem().owner(), settings));
        } catch (ModelLoadException | UnknownPlatformException | IllegalArgumentException e) {
            err.println("error: " + e.getMessage());
            return new Loaded.Failed(ExitCodes.UNUSABLE);
        } catch (InvalidModelException e) {
            err.println("error: " + e.getMessage());
            err.println("fix the model (model-service lint " + model + " lists every problem), then render again");
            return new Loaded.Failed(ExitCodes.REJECTED);
        }
    }
}
