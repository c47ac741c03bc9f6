package io.datasurface.merge;

import io.datasurface.events.CloudEvents;
import io.datasurface.events.DataSurfaceEvent;
import io.datasurface.model.KubernetesPGStarter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jboss.logging.Logger;

/**
 * Publishes operator events to Kafka after the work is done. Publishing is best effort with short
 * timeouts: an outage is logged and never fails or undoes what was already committed.
 */
@ApplicationScoped
public class EventPublisher {
    static final String SOURCE = "/datasurface/merge-worker";
    private static final Logger LOG = Logger.getLogger(EventPublisher.class);

    @Inject
    Environment environment;

    @Inject
    MergeWorkerConfig config;

    /** The bootstrap servers to publish to: the model's, or the environment's override; empty when turned off. */
    Optional<String> bootstrapServers(KubernetesPGStarter platform) {
        String servers = environment.get(Environment.KAFKA_BOOTSTRAP_SERVERS).orElse(platform.kafka().bootstrapServers());
        return servers.isBlank() || servers.equals("none") ? Optional.empty() : Optional.of(servers);
    }

    /** Sends the event and waits briefly for the broker's acknowledgement; answers whether it was published. */
    public boolean publish(KubernetesPGStarter platform, DataSurfaceEvent event) {
        Optional<String> servers = bootstrapServers(platform);
        if (servers.isEmpty()) {
            return false;
        }
        int timeout = (int) Math.min(Integer.MAX_VALUE, config.eventTimeout().toMillis());
        Map<String, Object> settings = Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, servers.get(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.MAX_BLOCK_MS_CONFIG, timeout,
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, Math.max(1000, timeout / 2),
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, timeout,
                ProducerConfig.LINGER_MS_CONFIG, 0,
                ProducerConfig.CLIENT_ID_CONFIG, "datasurface-merge-worker");
        KafkaProducer<String, String> producer = null;
        try {
            // The producer retries by itself until the delivery timeout: the "retry briefly".
            producer = new KafkaProducer<>(settings);
            producer.send(new ProducerRecord<>(config.eventsTopic(), event.subject(), CloudEvents.toJson(event, SOURCE)))
                    .get(timeout + 1000, TimeUnit.MILLISECONDS);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            LOG.warnf("event %s not published: interrupted", event.type());
        } catch (Exception e) {
            // The merge is committed already; the metrics table still has the batch.
            LOG.warnf("event %s not published to %s within %d ms: %s", event.type(), config.eventsTopic(), timeout, e.toString());
        } finally {
            if (producer != null) {
                producer.close(Duration.ofSeconds(1));
            }
        }
        return false;
    }
}
