package io.datasurface.metricsexporter;

import io.datasurface.cli.ExitCodes;
import io.datasurface.cli.UnusableInputException;
import io.datasurface.kpsg.IntentionGraph;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.sql.SQLException;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * What the rendered system DAG runs every merge interval: one reading, pushed to the Pushgateway when one is configured,
 * then exit. Without one the reading still proves the tables can be read, and nothing is pushed: where
 * {@code metrics-exporter serve} is deployed (as k8s/ does) Prometheus scrapes the same series, and a task that failed
 * every interval would only teach operators to ignore failed tasks.
 */
@Command(name = "collect", mixinStandardHelpOptions = true, description = "Reads the platform tables once and, when "
        + "datasurface.metrics-exporter.pushgateway (environment DATASURFACE_METRICS_EXPORTER_PUSHGATEWAY) names a Pushgateway, "
        + "pushes the series to it, replacing the platform's previous push. Exit 0 read (and pushed when configured), 1 the "
        + "database or the Pushgateway failed, 2 unusable input.")
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
        Optional<Pushgateway> pushgateway;
        try {
            graph = model.graph();
            connector = database.connector(graph.platform());
            Optional<URI> uri = pushgatewayUri();
            pushgateway = uri.map(u -> new Pushgateway(u, config.pushTimeout()));
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
        if (pushgateway.isEmpty()) {
            out.println("read " + snapshot.streams().size() + " stream(s) of platform " + snapshot.platform() + "; no Pushgateway configured "
                    + "(DATASURFACE_METRICS_EXPORTER_PUSHGATEWAY), so nothing was pushed: metrics-exporter serve serves these series at /q/metrics");
            return ExitCodes.OK;
        }
        try {
            pushgateway.get().push(config.job(), snapshot.platform(), Exposition.of(snapshot));
        } catch (IOException e) {
            err.println("error: pushing to the Pushgateway failed: " + e.getMessage());
            return ExitCodes.FAILED;
        }
        out.println("pushed " + snapshot.streams().size() + " stream(s) of platform " + snapshot.platform() + " to "
                + pushgateway.get().groupUri(config.job(), snapshot.platform()));
        return ExitCodes.OK;
    }

    private Optional<URI> pushgatewayUri() throws UnusableInputException {
        Optional<String> configured = config.pushgateway().filter(u -> !u.isBlank());
        if (configured.isEmpty()) {
            return Optional.empty();
        }
        String url = configured.get();
        try {
            URI uri = URI.create(url);
            if (uri.getScheme() == null || !uri.getScheme().startsWith("http") || uri.getHost() == null) {
                throw new IllegalArgumentException("not an http(s) URL");
            }
            return Optional.of(uri);
        } catch (IllegalArgumentException e) {
            throw new UnusableInputException("Pushgateway URL '" + url + "' is not an http(s) URL with a host: " + e.getMessage());
        }
    }
}
