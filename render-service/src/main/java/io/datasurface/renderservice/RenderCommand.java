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

@Command(name = "render", mixinStandardHelpOptions = true, description = "Writes the platform's Airflow DAGs, the graph file their jobs read instead of the model "
        + "(graphs/<schema>.json, checked against --commit) and Kafka Connect sinks (Terraform and JSON). "
        + "Exit 1 when the model has errors (or, with --check-credentials, a secret is missing), 2 for unusable input.")
public class RenderCommand implements Callable<Integer> {

    @Mixin
    PlatformOptions options;

    @Option(names = "--out", paramLabel = "DIR", required = true, description = "The output folder; dags/, graphs/ and kafka-connect/ are written under it.")
    Path out;

    @Option(names = "--check-credentials", description = "After writing, also ask the Kubernetes API whether every secret the platform "
            + "needs exists (as check-credentials does); exit 1 when any is missing. The system DAG's renderer runs with it.")
    boolean checkCredentials;

    @Spec
    CommandSpec spec;

    @Inject
    RenderConfig config;

    @Inject
    CredentialCheck check;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        PlatformOptions.Loaded loaded = options.load(config.settings(), err, true);
        if (loaded instanceof PlatformOptions.Loaded.Failed failed) {
            return failed.exitCode();
        }
        var request = ((PlatformOptions.Loaded.Ready) loaded).request();
        List<RenderedFile> files;
        try {
            files = KpsgRenderer.render(request);
        } catch (IllegalArgumentException | IllegalStateException e) {
            err.println("error: " + e.getMessage());
            return ExitCodes.UNUSABLE;
        }
        int written = Output.write(spec, out, files, RenderedOutput.ownedBy(request.graph()), request.graph().streams().size() + " batch-stream(s)");
        if (written != ExitCodes.OK || !checkCredentials) {
            return written;
        }
        return check.report(request.graph().platform(), spec.commandLine().getOut(), err);
    }
}
