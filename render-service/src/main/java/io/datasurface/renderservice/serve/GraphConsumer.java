package io.datasurface.renderservice.serve;

import io.datasurface.events.CloudEvents;
import io.datasurface.events.DataSurfaceEvent;
import io.datasurface.events.PlatformGraph;
import io.datasurface.events.PlatformGraphJson;
import java.io.IOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jboss.logging.Logger;

/**
 * Reads {@code datasurface.graph} one record at a time: render it, publish its events, and only then commit the offset
 * past it. A crash anywhere before the commit gives the same record again after the restart, which renders the same
 * files (unchanged, so untouched) and publishes the same events (same ids, so a consumer drops them).
 */
public final class GraphConsumer implements AutoCloseable {
    static final String SOURCE = "/datasurface/render-service";
    private static final Logger LOG = Logger.getLogger(GraphConsumer.class);

    private final KafkaConsumer<String, String> consumer;
    private final KafkaProducer<String, String> producer;
    private final String eventsTopic;
    private final Duration timeout;
    private final PlatformRendering rendering;
    private final Hook hook;

    /** Called between the files being in place and the offset commit; tests make it crash there. */
    @FunctionalInterface
    public interface Hook {
        Hook NONE = graph -> {
        };

        void rendered(PlatformGraph graph);
    }

    /** Where to read and write and as which consumer group. */
    public record Topics(String bootstrapServers, String graphTopic, String eventsTopic, String groupId) {
    }

    public GraphConsumer(Topics topics, Duration timeout, PlatformRendering rendering, Hook hook) {
        this.eventsTopic = topics.eventsTopic();
        this.timeout = timeout;
        this.rendering = rendering;
        this.hook = hook;
        Map<String, Object> c = new HashMap<>();
        c.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, topics.bootstrapServers());
        c.put(ConsumerConfig.GROUP_ID_CONFIG, topics.groupId());
        c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        c.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        c.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 1);
        c.put(ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG, (int) Duration.ofMinutes(10).toMillis());
        c.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, PlatformGraph.MAX_RECORD_BYTES);
        c.put(ConsumerConfig.FETCH_MAX_BYTES_CONFIG, PlatformGraph.MAX_RECORD_BYTES);
        c.put(ConsumerConfig.METADATA_MAX_AGE_CONFIG, 5000);
        c.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        c.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        this.consumer = new KafkaConsumer<>(c);
        this.consumer.subscribe(List.of(topics.graphTopic()));
        int millis = (int) Math.min(Integer.MAX_VALUE, timeout.toMillis());
        Map<String, Object> p = new HashMap<>();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, topics.bootstrapServers());
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, millis);
        p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, Math.max(millis, 1000));
        p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, Math.max(millis / 2, 500));
        p.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        p.put(ProducerConfig.CLIENT_ID_CONFIG, "datasurface-render-service");
        this.producer = new KafkaProducer<>(p);
    }

    /**
     * Polls once and handles what arrived; answers how many graphs were put in place.
     *
     * @throws IOException when the output folder cannot be written: nothing is committed, the graph comes again
     */
    public int pollOnce(Duration wait) throws IOException, InterruptedException, ExecutionException, TimeoutException {
        int handled = 0;
        for (ConsumerRecord<String, String> record : consumer.poll(wait)) {
            TopicPartition partition = new TopicPartition(record.topic(), record.partition());
            try {
                if (record.value() != null) {
                    handle(record);
                }
            } catch (IOException | InterruptedException | ExecutionException | TimeoutException | RuntimeException e) {
                // The consumer moved past the record already; back to it, so the next poll tries it again.
                consumer.seek(partition, record.offset());
                throw e;
            }
            consumer.commitSync(Map.of(partition, new OffsetAndMetadata(record.offset() + 1)), timeout);
            handled++;
        }
        return handled;
    }

    private void handle(ConsumerRecord<String, String> record) throws IOException, InterruptedException, ExecutionException, TimeoutException {
        PlatformGraph graph;
        try {
            graph = PlatformGraphJson.fromJson(record.value());
        } catch (IllegalArgumentException e) {
            // Nothing can ever render it; the next graph of the platform replaces it.
            LOG.errorf("record %d of %s (key %s) is skipped: %s", record.offset(), record.topic(), record.key(), e.getMessage());
            return;
        }
        List<DataSurfaceEvent> events = rendering.render(graph);
        hook.rendered(graph);
        for (DataSurfaceEvent event : events) {
            producer.send(new ProducerRecord<>(eventsTopic, event.subject(), CloudEvents.toJson(event, SOURCE)))
                    .get(timeout.toMillis() + 1000, TimeUnit.MILLISECONDS);
            LOG.info(event.summary());
        }
    }

    @Override
    public void close() {
        consumer.close(Duration.ofSeconds(2));
        producer.close(Duration.ofSeconds(2));
    }
}
