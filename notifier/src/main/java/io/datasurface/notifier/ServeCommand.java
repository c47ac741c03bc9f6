package io.datasurface.notifier;

import io.datasurface.cli.ExitCodes;
import io.datasurface.cli.UnusableInputException;
import io.datasurface.kpsg.IntentionGraph;
import io.quarkus.runtime.Quarkus;
import jakarta.inject.Inject;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(name = "serve", mixinStandardHelpOptions = true, description = "Posts the platform's events to its Slack channel until stopped; "
        + "/q/health and /q/metrics answer meanwhile. Exit 0 stopped, 2 unusable input.")
public class ServeCommand implements Callable<Integer> {
    @Mixin
    PlatformModel model;

    @Spec
    CommandSpec spec;

    @Inject
    SettingsResolver resolver;

    @Inject
    NotifierService service;

    @Override
    public Integer call() {
        try {
            IntentionGraph graph = model.graph();
            NotifierSettings settings = resolver.resolve(graph.platform());
            service.start(settings);
            spec.commandLine().getOut().println("posting events of " + settings.eventsTopic() + " for platform " + settings.platform()
                    + " to Slack channel " + settings.channel());
        } catch (UnusableInputException e) {
            spec.commandLine().getErr().println("error: " + e.getMessage());
            return ExitCodes.UNUSABLE;
        }
        Quarkus.waitForExit();
        return ExitCodes.OK;
    }
}
