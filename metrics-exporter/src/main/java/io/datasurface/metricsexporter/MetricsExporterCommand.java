package io.datasurface.metricsexporter;

import io.quarkus.picocli.runtime.annotations.TopCommand;
import picocli.CommandLine.Command;

/** The metrics exporter: the platform's job metrics and batch tables as Prometheus series. */
@TopCommand
@Command(name = "metrics-exporter", mixinStandardHelpOptions = true,
        description = "Reads a KubernetesPGStarter platform's job metrics and batch tables and offers them to Prometheus: "
                + "served at /q/metrics (serve) or pushed once to a Pushgateway (collect). Exit 0 done, 1 failed, 2 unusable input.",
        subcommands = {ServeCommand.class, CollectCommand.class})
public class MetricsExporterCommand {
}
