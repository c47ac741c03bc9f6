package io.datasurface.metricsexporter;

import io.datasurface.cli.ExitCodes;
import io.datasurface.cli.UnusableInputException;
import io.datasurface.events.PlatformGraph;
import io.datasurface.kpsg.IntentionGraph;
import io.quarkus.runtime.Quarkus;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.apache.kafka.common.KafkaException;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "serve", mixinStandardHelpOptions = true, description = "Reads the platform tables every interval and serves them at "
        + "/q/metrics until stopped; /q/health answers too. The platform's graph comes from the graph topic (--graph-topic, what "
        + "the Deployment uses: always the newest commit's, no model loaded), a graph file or a model folder. Exit 0 stopped, "
        + "2 unusable input.")
public class ServeCommand implements Callable<Integer> {
    @Mixin
    PlatformModel model;

    @Option(names = "--graph-topic", paramLabel = "TOPIC", description = "Follow the platform's graph on this compacted topic (the one "
            + "model-service publishes to, " + PlatformGraph.TOPIC + ") instead of --graph or --model; a new commit's graph is "
            + "served from its arrival on.")
    String graphTopic;

    @Option(names = "--bootstrap-servers", paramLabel = "HOST:PORT,...", description = "Kafka, for --graph-topic (default: "
            + "kafka.bootstrap.servers, as the other services read it; environment: KAFKA_BOOTSTRAP_SERVERS).")
    String bootstrapServers;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    Optional<String> configuredBootstrapServers;

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
    public Integer call() throws InterruptedException {
        try {
            Duration every = interval == null ? config.interval() : Durations.parse(interval);
            if (graphTopic == null) {
                IntentionGraph graph = model.graph();
                service.start(new MetricsReader(graph, database.connector(graph.platform())), every);
                spec.commandLine().getOut().println("serving platform " + graph.platform().name() + "'s metrics at /q/metrics, read every " + every);
                Quarkus.waitForExit();
                return ExitCodes.OK;
            }
            try (GraphFollower follower = follow()) {
                service.graphSource(follower::alive);
                service.start(every);
                follower.start();
                spec.commandLine().getOut().println("serving platform " + model.platform + "'s metrics at /q/metrics, read every " + every
                        + ", for the newest graph on " + graphTopic);
                Quarkus.waitForExit();
            }
            return ExitCodes.OK;
        } catch (UnusableInputException e) {
            spec.commandLine().getErr().println("error: " + e.getMessage());
            return ExitCodes.UNUSABLE;
        }
    }

    /** A follower of the graph topic that gives the service a reader for each new commit's graph. */
    private GraphFollower follow() throws UnusableInputException {
        if (model.graphFile != null || model.model != null) {
            throw new UnusableInputException("--graph-topic and --" + (model.graphFile != null ? "graph" : "model")
                    + " both say where the graph comes from: give one");
        }
        if (graphTopic.isBlank()) {
            throw new UnusableInputException("--graph-topic is empty: give the topic model-service publishes to (" + PlatformGraph.TOPIC + ")");
        }
        String servers = Optional.ofNullable(bootstrapServers).or(() -> configuredBootstrapServers).filter(s -> !s.isBlank())
                .orElseThrow(() -> new UnusableInputException("--graph-topic needs Kafka: give --bootstrap-servers or set kafka.bootstrap.servers "
                        + "(environment: KAFKA_BOOTSTRAP_SERVERS)"));
        try {
            return new GraphFollower(servers, graphTopic, model.platform, graph -> {
                try {
                    service.use(new MetricsReader(graph.graph(), database.connector(graph.graph().platform())));
                } catch (UnusableInputException e) {
                    throw new IllegalStateException(e.getMessage(), e);
                }
            });
        } catch (KafkaException e) {
            throw new UnusableInputException("Kafka at " + servers + " cannot be used: " + e.getMessage());
        }
    }
}
