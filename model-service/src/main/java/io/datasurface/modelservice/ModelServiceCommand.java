package io.datasurface.modelservice;

import io.datasurface.modelservice.serve.ServeCommand;
import io.quarkus.picocli.runtime.annotations.TopCommand;
import picocli.CommandLine.Command;

/** The model-service as a command line: the checks a model repository's CI runs are the service's own. */
@TopCommand
@Command(name = "model-service", mixinStandardHelpOptions = true,
        description = "Lints DataSurface models, checks proposed changes and shows what platforms will run.",
        subcommands = {LintCommand.class, GraphCommand.class, CheckCommand.class, PlanCommand.class, ServeCommand.class})
public class ModelServiceCommand {
}
