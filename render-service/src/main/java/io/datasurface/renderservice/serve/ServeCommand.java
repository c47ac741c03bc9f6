package io.datasurface.renderservice.serve;

import io.datasurface.cli.ExitCodes;
import io.quarkus.runtime.Quarkus;
import jakarta.inject.Inject;
import java.io.IOException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(name = "serve", mixinStandardHelpOptions = true, description = "Runs the service: consumes datasurface.graph, renders each platform's "
        + "DAGs, graph file and sink connectors into datasurface.render.out-dir (atomically per file; files of removed batch-streams deleted), checks the "
        + "platform's secrets against the Kubernetes API, publishes ArtifactsRendered and CredentialsMissing to datasurface.events, and commits "
        + "its offset only once the files are in place. Serves /q/health on 127.0.0.1. Runs until stopped; exit 2 when the output folder "
        + "cannot be created.")
public class ServeCommand implements Callable<Integer> {

    @Inject
    RenderWorker worker;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        try {
            worker.start();
        } catch (IOException e) {
            spec.commandLine().getErr().println("error: cannot create the output folder: " + e.getMessage()
                    + " (datasurface.render.out-dir)");
            return ExitCodes.UNUSABLE;
        }
        Quarkus.waitForExit();
        return ExitCodes.OK;
    }
}
