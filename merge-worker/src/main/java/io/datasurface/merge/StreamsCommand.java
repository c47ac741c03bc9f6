package io.datasurface.merge;

import io.datasurface.cli.ExitCodes;
import io.datasurface.cli.UnusableInputException;
import io.datasurface.kpsg.BatchStream;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(name = "streams", mixinStandardHelpOptions = true, description = "Lists the platform's batch-stream keys, one a line (what merge --stream takes).")
public class StreamsCommand implements Callable<Integer> {
    @Mixin
    PlatformModel model;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        try {
            model.graph().streams().stream().map(BatchStream::key).forEach(spec.commandLine().getOut()::println);
            return ExitCodes.OK;
        } catch (UnusableInputException e) {
            spec.commandLine().getErr().println("error: " + e.getMessage());
            return ExitCodes.UNUSABLE;
        }
    }
}
