package io.datasurface.modelservice.governance;

import io.datasurface.modelservice.serve.GraphTopics;
import io.datasurface.modelservice.serve.ModelServiceConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Publishes a check's answer as ChangeAccepted or ChangeRejected when the caller asks for it. Best effort: the answer
 * stands whether or not Kafka took the event, and the caller is told which.
 */
@ApplicationScoped
public class ChangeEvents {
    private static final Logger LOG = Logger.getLogger(ChangeEvents.class);

    @Inject
    ModelServiceConfig config;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    /** Where events go, for messages: the topic and the bootstrap servers. */
    public String describe() {
        return config.topics().events() + " at " + bootstrapServers;
    }

    /** Answers whether the event was published. */
    public boolean publish(ChangeCheckRunner.Result result) {
        var event = CheckReport.event(result, Instant.now());
        try (GraphTopics topics = new GraphTopics(bootstrapServers, config.topics(), config.kafkaTimeout())) {
            topics.publish(event);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            LOG.warnf("%s not published to %s: %s", event.type(), describe(), e.toString());
        }
        return false;
    }
}
