package io.datasurface.renderservice;

import io.datasurface.renderservice.serve.ServeCommand;
import io.quarkus.picocli.runtime.annotations.TopCommand;
import picocli.CommandLine.Command;

/** The render-service as a command line: what Airflow's system DAG runs is what an engineer runs from a shell. */
@TopCommand
@Command(name = "render-service", mixinStandardHelpOptions = true,
        description = "Renders a DataSurface platform's Airflow DAGs, Kafka Connect sinks and bootstrap YAML, and checks its credentials.",
        subcommands = {RenderCommand.class, BootstrapCommand.class, CheckCredentialsCommand.class, ServeCommand.class})
public class RenderServiceCommand {
}
