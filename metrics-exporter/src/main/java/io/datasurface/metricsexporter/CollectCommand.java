package io.datasurface.metricsexporter;

import io.datasurface.cli.ExitCodes;
import io.datasurface.cli.UnusableInputException;
import io.datasurface.kpsg.IntentionGraph;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.sql.SQLException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** What the rendered system DAG runs every merge interval: one reading, pushed to the Pushgateway, then exit. */
@Command(name = "collect", mixinStandardHelpOptions = true, description = "Reads the platform tables once and pushes the series to the "
        + "Pushgateway of datasurface.metrics-exporter.pushgateway (environment DATASURFACE_METRICS_EXPORTER_PUSHGATEWAY), "
        + "replacing the platform's previous push. Exit 0 pushed, 1 the database or the Pushgateway failed, 2 unusable input.")
public class CollectCommand implements Callable<Integer> {
    @Mixin
    PlatformModel model;

    @Spec
    CommandSpec spec;

    @Inject
    PlatformDatabase database;

    @Inject
    ExporterConfig config;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        IntentionGraph graph;
        Connector connector;
        Pushgateway pushgateway;
        try {
            graph = model.graph();
            connector = database.connector(graph.platform());
            pushgateway = new Pushgateway(pushgatewayUri(), config.pushTimeout());
        } catch (UnusableInputException e) {
            err.println("error: " + e.getMessage());
            return ExitCodes.UNUSABLE;
        }
        PlatformSnapshot snapshot;
        try {
            snapshot = new MetricsReader(graph, connector).read();
        } catch (SQLException e) {
            err.println("error: reading the platform tables of " + graph.platform().name() + " failed: " + e.getMessage());
            return ExitCodes.FAILED;
        }
        try {
            pushgateway.push(config.job(), snapshot.platform(), Exposition.of(snapshot));
        } catch (IOException e) {
            err.println("error: pushing to the Pushgateway failed: " + e.getMessage());
            return ExitCodes.FAILED;
        }
        out.println("pushed " + snapshot.streams().size() + " stream(s) of platform " + snapshot.platform() + " to "
                + pushgateway.groupUri(config.job(), snapshot.platform()));
        return ExitCodes.OK;
    }

    private URI pushgatewayUri() throws UnusableInputException {
        String url = config.pushgateway().filter(u -> !u.isBlank()).orElseThrow(() -> new UnusableInputException(
                "no Pushgateway configured: set DATASURFACE_METRICS_EXPORTER_PUSHGATEWAY (or datasurface.metrics-exporter.pushgateway) "
                        + "to its URL, e.g. http://pushgateway.monitoring.svc:9091"));
        try {
            URI uri = URI.create(url);
            if (uri.getScheme() == null || !uri.getScheme().startsWith("http") || uri.getHost() == null) {
                throw new IllegalArgumentException("not an http(s) URL");
            }
            return uri;
        } catch (IllegalArgumentException e) {
            throw new UnusableInputException("Pushgateway URL '" + url + "' is not an http(s) URL with a host: " + e.getMessage());
        }
    }
}
