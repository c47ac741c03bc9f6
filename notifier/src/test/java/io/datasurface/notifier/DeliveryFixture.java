package io.datasurface.notifier;

import io.datasurface.events.CloudEvents;
import io.datasurface.events.DataSurfaceEvent;
import io.datasurface.testing.TestingKafka;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Topics and a consumer group of their own on the JVM's test broker, a Slack stand-in, and
 * notifiers that can be started and stopped as the process would be. Test timings: 50 ms between
 * posts, backoff from 100 ms to 1 s, so that retries show in seconds, not minutes.
 */
final class DeliveryFixture implements AutoCloseable {
    static final String PLATFORM = "Prod";

    final SlackStandIn slack = new SlackStandIn();
    final String events = "events-" + UUID.randomUUID();
    final String delivered = "delivered-" + UUID.randomUUID();
    final String group = "notifier-" + UUID.randomUUID();
    final NotifierMetrics metrics = new NotifierMetrics();
    Duration minInterval = Duration.ofMillis(50);
    Duration backoffMax = Duration.ofSeconds(1);
    private final List<EventDelivery> running = new ArrayList<>();
    private final KafkaProducer<String, String> producer;

    DeliveryFixture() {
        String servers = TestingKafka.get().bootstrapServers();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, servers))) {
            admin.createTopics(List.of(new NewTopic(events, Optional.of(1), Optional.empty()))).all().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("cannot create " + events + ": " + e, e);
        }
        producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, servers,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                ProducerConfig.ACKS_CONFIG, "all"));
    }

    NotifierSettings settings() {
        return new NotifierSettings(TestingKafka.get().bootstrapServers(), events, delivered, group, PLATFORM, "#ops",
                new SlackWebhook(slack.url(), "of credential slack-webhook", Duration.ofSeconds(5)), minInterval, Duration.ofMillis(100),
                backoffMax, Duration.ofDays(7), Set.of(), 10);
    }

    /** A notifier process starting: it reads the delivered ids and resumes from the group's committed offsets. */
    EventDelivery start() {
        EventDelivery d = new EventDelivery(settings(), metrics, Clock.systemUTC());
        d.start();
        running.add(d);
        return d;
    }

    void publish(DataSurfaceEvent... events) {
        for (DataSurfaceEvent e : events) {
            publishRaw(e.subject(), CloudEvents.toJson(e, "/test"));
        }
    }

    void publishRaw(String key, String value) {
        try {
            producer.send(new ProducerRecord<>(events, key, value)).get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("publishing failed: " + e, e);
        }
    }

    /** Waits until Slack accepted {@code count} messages in all, or the time is up; answers the accepted calls. */
    List<SlackStandIn.Call> awaitAccepted(int count, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (slack.accepted().size() < count && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        return slack.accepted();
    }

    /**
     * Waits until the notifier counted {@code count} messages as sent, or the time is up; answers the
     * count. Slack records a call before the notifier has read its answer, so the last one may still
     * be on its way to the counter when {@link #awaitAccepted} returns.
     */
    long awaitSentCount(long count, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (metrics.sentCount() < count && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        return metrics.sentCount();
    }

    /**
     * Waits until the group committed the events topic up to {@code offset} (the next event to read), or the time is up;
     * answers the committed offset, -1 for none. A notifier stopped before its commit is read again from the event
     * before, which then counts as a duplicate.
     */
    long awaitCommitted(long offset, Duration timeout) throws Exception {
        TopicPartition partition = new TopicPartition(events, 0);
        long deadline = System.nanoTime() + timeout.toNanos();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, TestingKafka.get().bootstrapServers()))) {
            while (true) {
                OffsetAndMetadata committed = admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS)
                        .get(partition);
                long at = committed == null ? -1 : committed.offset();
                if (at >= offset || System.nanoTime() >= deadline) {
                    return at;
                }
                Thread.sleep(20);
            }
        }
    }

    @Override
    public void close() throws InterruptedException {
        for (EventDelivery d : running) {
            d.stop();
        }
        producer.close(Duration.ofSeconds(5));
        slack.close();
    }
}
