package io.datasurface.renderservice.serve;

import io.datasurface.renderservice.CredentialCheck;
import io.datasurface.renderservice.RenderConfig;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/** {@code serve}'s loop on its own thread: graphs in, files and events out, until the service stops. */
@ApplicationScoped
public class RenderWorker {
    private static final Logger LOG = Logger.getLogger(RenderWorker.class);
    private static final Duration RETRY = Duration.ofSeconds(5);

    @Inject
    RenderConfig config;

    @Inject
    CredentialCheck credentials;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    private Thread thread;
    private volatile boolean running;
    private volatile Optional<String> problem = Optional.of("not started");

    /** Starts consuming; the output folder is created first, so an unwritable one fails here. */
    public synchronized void start() throws IOException {
        if (thread != null) {
            return;
        }
        Files.createDirectories(config.outDir());
        PlatformRendering rendering = new PlatformRendering(config.outDir(), config.settings(),
                config.checkCredentials() ? Optional.of(credentials::missing) : Optional.empty(), Clock.systemUTC());
        GraphConsumer.Topics topics = new GraphConsumer.Topics(bootstrapServers, config.graphTopic(), config.eventsTopic(), config.groupId());
        running = true;
        thread = new Thread(() -> loop(topics, rendering), "render-worker");
        thread.start();
        LOG.infof("rendering graphs of %s into %s", config.graphTopic(), config.outDir());
    }

    private void loop(GraphConsumer.Topics topics, PlatformRendering rendering) {
        while (running) {
            try (GraphConsumer consumer = new GraphConsumer(topics, config.kafkaTimeout(), rendering, GraphConsumer.Hook.NONE)) {
                while (running) {
                    consumer.pollOnce(Duration.ofSeconds(1));
                    problem = Optional.empty();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (Exception e) {
                // The graph was not committed: a new consumer starts from the committed offset and renders it again.
                problem = Optional.of(e.toString());
                LOG.warnf("rendering failed, retrying in %s: %s", RETRY, e.toString());
                sleep();
            }
        }
    }

    private void sleep() {
        try {
            Thread.sleep(RETRY.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    /** Whether the loop runs and its last round went well; for readiness. */
    public Optional<String> problem() {
        return thread == null ? Optional.of("not started") : problem;
    }

    /** Whether Kafka answers within the timeout; for readiness. */
    public boolean kafkaReachable() {
        int millis = (int) Math.min(Integer.MAX_VALUE, config.kafkaTimeout().toMillis());
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, millis, AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, millis))) {
            admin.describeCluster().clusterId().get(millis, TimeUnit.MILLISECONDS);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (Exception e) {
            return false;
        }
    }

    @PreDestroy
    synchronized void stop() {
        running = false;
        if (thread != null) {
            try {
                thread.join(Duration.ofSeconds(10).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            thread = null;
        }
    }
}
