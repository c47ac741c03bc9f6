package io.datasurface.metricsexporter;

import io.datasurface.cli.ExitCodes;
import io.datasurface.cli.UnusableInputException;
import io.datasurface.kpsg.IntentionGraph;
import io.quarkus.runtime.Quarkus;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "serve", mixinStandardHelpOptions = true, description = "Reads the platform tables every interval and serves them at "
        + "/q/metrics until stopped; /q/health answers too. Exit 0 stopped, 2 unusable input.")
public class ServeCommand implements Callable<Integer> {
    @Mixin
    PlatformModel model;

    @Option(names = "--interval", paramLabel = "DURATION",
            description = "How often to read the tables, e.g. 30s or PT1M (default: datasurface.metrics-exporter.interval, 30s).")
    String interval;

    @Spec
    CommandSpec spec;

    @Inject
    PlatformDatabase database;

    @Inject
    MetricsService service;

    @Inject
    ExporterConfig config;

    @Override
    public Integer call() {
        try {
            IntentionGraph graph = model.graph();
            Duration every = interval == null ? config.interval() : Durations.parse(interval);
            service.start(new MetricsReader(graph, database.connector(graph.platform())), every);
            spec.commandLine().getOut().println("serving platform " + graph.platform().name() + "'s metrics at /q/metrics, read every " + every);
        } catch (UnusableInputException e) {
            spec.commandLine().getErr().println("error: " + e.getMessage());
            return ExitCodes.UNUSABLE;
        }
        Quarkus.waitForExit();
        return ExitCodes.OK;
    }
}
