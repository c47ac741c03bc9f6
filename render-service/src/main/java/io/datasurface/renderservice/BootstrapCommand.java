package io.datasurface.renderservice;

import io.datasurface.cli.ExitCodes;
import io.datasurface.render.KpsgRenderer;
import io.datasurface.render.RenderedFile;
import jakarta.inject.Inject;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "bootstrap", mixinStandardHelpOptions = true, description = "Writes the platform's bootstrap Kubernetes YAML (namespace, Postgres, Airflow, Kafka Connect) "
        + "and the checklist of secrets to create. Exit 1 when the model has errors, 2 for unusable input.")
public class BootstrapCommand implements Callable<Integer> {

    @Mixin
    PlatformOptions options;

    @Option(names = "--out", paramLabel = "DIR", required = true, description = "The output folder; bootstrap/ is written under it.")
    Path out;

    @Spec
    CommandSpec spec;

    @Inject
    RenderConfig config;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        PlatformOptions.Loaded loaded = options.load(config.settings(), err);
        if (loaded instanceof PlatformOptions.Loaded.Failed failed) {
            return failed.exitCode();
        }
        var request = ((PlatformOptions.Loaded.Ready) loaded).request();
        List<RenderedFile> files;
        try {
            files = KpsgRenderer.bootstrap(request);
        } catch (IllegalArgumentException | IllegalStateException e) {
            err.println("error: " + e.getMessage());
            return ExitCodes.UNUSABLE;
        }
        return Output.write(spec, out, files, List.of(), "platform " + request.graph().platform().name());
    }
}
