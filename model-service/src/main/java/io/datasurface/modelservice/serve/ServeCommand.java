package io.datasurface.modelservice.serve;

import io.datasurface.cli.ExitCodes;
import io.datasurface.cli.UnusableInputException;
import io.quarkus.runtime.Quarkus;
import jakarta.inject.Inject;
import java.io.IOException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(name = "serve", mixinStandardHelpOptions = true, description = "Runs the service: watches the live branch of the model repository "
        + "(datasurface.repository.*), publishes each platform's validated graph to datasurface.graph and GraphPublished or ModelRejected "
        + "to datasurface.events, and serves POST /api/hooks/git, POST /api/changes/check and /q/health on 127.0.0.1. "
        + "Runs until stopped; exit 2 when the repository is not configured or cannot be opened.")
public class ServeCommand implements Callable<Integer> {

    @Inject
    ModelWatcher watcher;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        try {
            watcher.start();
        } catch (UnusableInputException | IOException e) {
            spec.commandLine().getErr().println("error: " + e.getMessage());
            return ExitCodes.UNUSABLE;
        }
        Quarkus.waitForExit();
        return ExitCodes.OK;
    }
}
