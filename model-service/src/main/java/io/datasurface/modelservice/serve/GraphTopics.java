package io.datasurface.modelservice.serve;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.datasurface.events.CloudEvents;
import io.datasurface.events.DataSurfaceEvent;
import io.datasurface.events.PlatformGraph;
import io.datasurface.events.PlatformGraphJson;
import java.io.IOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * model-service's side of Kafka: creates the two topics when they are missing (the graph topic compacted), reads back
 * what the graph topic holds per platform, and publishes graphs and events, each send waiting for the broker.
 */
public final class GraphTopics implements AutoCloseable {
    static final String SOURCE = "/datasurface/model-service";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String bootstrapServers;
    private final ModelServiceConfig.Topics topics;
    private final Duration timeout;
    private final KafkaProducer<String, String> producer;

    /** What the graph topic holds for a platform: enough to tell whether a model was already published. */
    public record Published(String commit, String modelHash) {
    }

    public GraphTopics(String bootstrapServers, ModelServiceConfig.Topics topics, Duration timeout) {
        this.bootstrapServers = bootstrapServers;
        this.topics = topics;
        this.timeout = timeout;
        int millis = (int) Math.min(Integer.MAX_VALUE, timeout.toMillis());
        Map<String, Object> settings = new HashMap<>();
        settings.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        settings.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        settings.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        settings.put(ProducerConfig.ACKS_CONFIG, "all");
        settings.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        settings.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "zstd");
        settings.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, PlatformGraph.MAX_RECORD_BYTES);
        settings.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, millis);
        settings.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, Math.max(millis, 1000));
        settings.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, Math.max(millis / 2, 500));
        settings.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        settings.put(ProducerConfig.CLIENT_ID_CONFIG, "datasurface-model-service");
        this.producer = new KafkaProducer<>(settings);
    }

    /** Creates the topics that are missing; the graph topic keeps only the latest graph per platform. */
    public void ensureTopics() throws InterruptedException, ExecutionException, TimeoutException {
        try (Admin admin = admin()) {
            Set<String> existing = admin.listTopics().names().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            List<NewTopic> missing = new java.util.ArrayList<>();
            if (!existing.contains(topics.graph())) {
                missing.add(new NewTopic(topics.graph(), 1, (short) -1).configs(Map.of(
                        TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT,
                        TopicConfig.MAX_MESSAGE_BYTES_CONFIG, Integer.toString(PlatformGraph.MAX_RECORD_BYTES))));
            }
            if (!existing.contains(topics.events())) {
                missing.add(new NewTopic(topics.events(), 1, (short) -1));
            }
            if (missing.isEmpty()) {
                return;
            }
            try {
                admin.createTopics(missing).all().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw e;
                }
            }
        }
    }

    /** Answers whether the cluster answers within the timeout; for readiness. */
    public boolean reachable() {
        try (Admin admin = admin()) {
            admin.describeCluster().clusterId().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            return false;
        }
    }

    /** The latest graph record of every platform on the graph topic, read from its start to its end. */
    public Map<String, Published> published() throws IOException {
        Map<String, Published> latest = new HashMap<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, "datasurface-model-service-" + UUID.randomUUID(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, PlatformGraph.MAX_RECORD_BYTES,
                ConsumerConfig.FETCH_MAX_BYTES_CONFIG, PlatformGraph.MAX_RECORD_BYTES,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName()))) {
            List<TopicPartition> partitions = consumer.partitionsFor(topics.graph(), timeout).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, timeout);
            long deadline = System.nanoTime() + timeout.toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p, timeout) < end.get(p))) {
                if (System.nanoTime() > deadline) {
                    throw new IOException("the graph topic " + topics.graph() + " was not read to its end within " + timeout);
                }
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
                    if (r.value() == null) {
                        latest.remove(r.key());
                        continue;
                    }
                    JsonNode data = JSON.readTree(r.value()).path("data");
                    latest.put(r.key(), new Published(data.path("commit").asText(), data.path("modelHash").asText()));
                }
            }
        }
        return latest;
    }

    /** Publishes a platform's graph, then its GraphPublished event; each send is acknowledged before the next. */
    public void publish(PlatformGraph graph, DataSurfaceEvent.GraphPublished event) throws InterruptedException, ExecutionException,
            TimeoutException {
        send(topics.graph(), graph.platform(), PlatformGraphJson.toJson(graph, SOURCE, event.time()));
        publish(event);
    }

    public void publish(DataSurfaceEvent event) throws InterruptedException, ExecutionException, TimeoutException {
        send(topics.events(), event.subject(), CloudEvents.toJson(event, SOURCE));
    }

    private void send(String topic, String key, String value) throws InterruptedException, ExecutionException, TimeoutException {
        producer.send(new ProducerRecord<>(topic, key, value)).get(timeout.toMillis() + 1000, TimeUnit.MILLISECONDS);
    }

    private Admin admin() {
        int millis = (int) Math.min(Integer.MAX_VALUE, timeout.toMillis());
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, millis,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, millis));
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(2));
    }
}
