package io.datasurface.notifier;

import static java.util.Objects.requireNonNull;

import io.datasurface.events.CloudEvents;
import io.datasurface.events.DataSurfaceEvent;
import io.datasurface.notifier.NotifierMetrics.DropReason;
import io.datasurface.notifier.NotifierMetrics.RetryReason;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.jboss.logging.Logger;

/**
 * The notifier's loop: one event at a time, in partition order (events of one platform share a key,
 * so a stream's events keep their order), each posted until Slack accepts or refuses it for good,
 * and only then its offset committed. While it waits (rate limit, backoff) its partitions are paused
 * and the consumer keeps polling, so a long Slack outage does not cost its place in the group. A stop
 * or a crash leaves the event being posted uncommitted: the next start posts it, unless its id is
 * among the {@link DeliveredIds}.
 */
public final class EventDelivery implements Runnable {
    private static final Logger LOG = Logger.getLogger(EventDelivery.class);

    private final NotifierSettings settings;
    private final NotifierMetrics metrics;
    private final SlackMessages messages;
    private final Backoff backoff;
    private final Clock clock;
    private final AtomicInteger revocations = new AtomicInteger();
    private volatile boolean stopping;
    private volatile KafkaConsumer<String, String> consumer;
    private volatile Thread thread;
    private volatile Throwable failure;
    private Instant lastPost = Instant.EPOCH;

    /** Thrown out of a wait when the notifier stops; nothing is committed for the event at hand. */
    private static final class Stopped extends Exception {
        Stopped() {
            super(null, null, false, false);
        }
    }

    /** Thrown out of a wait when the partition at hand went to another consumer; that one posts the event. */
    private static final class Reassigned extends Exception {
        Reassigned() {
            super(null, null, false, false);
        }
    }

    public EventDelivery(NotifierSettings settings, NotifierMetrics metrics, Clock clock) {
        this.settings = requireNonNull(settings, "settings is null");
        this.metrics = requireNonNull(metrics, "metrics is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.messages = new SlackMessages(settings.listLimit());
        this.backoff = new Backoff(settings.backoffInitial(), settings.backoffMax(), () -> ThreadLocalRandom.current().nextDouble());
    }

    /** Starts the loop on a thread of its own. */
    public synchronized void start() {
        if (thread != null) {
            throw new IllegalStateException("already started");
        }
        thread = new Thread(this, "notifier-delivery");
        thread.start();
    }

    /** Stops the loop and waits for it; the event being posted, if any, stays uncommitted. */
    public void stop() throws InterruptedException {
        stopping = true;
        KafkaConsumer<String, String> c = consumer;
        if (c != null) {
            c.wakeup();
        }
        Thread t = thread;
        if (t != null) {
            t.join(Duration.ofSeconds(30).toMillis());
        }
    }

    /** Whether the loop runs (or has not been started); false once it died of an error. */
    public boolean healthy() {
        return failure == null;
    }

    @Override
    public void run() {
        try (DeliveredIds delivered = DeliveredIds.open(settings.bootstrapServers(), settings.deliveredTopic(), settings.dedupeRetention(), clock);
                KafkaConsumer<String, String> c = new KafkaConsumer<>(consumerConfig())) {
            consumer = c;
            c.subscribe(List.of(settings.eventsTopic()), new ConsumerRebalanceListener() {
                @Override
                public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
                    revocations.incrementAndGet();
                }

                @Override
                public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
                    // positions come from the committed offsets
                }
            });
            LOG.infof("posting events of %s for platform %s to %s (channel %s)", settings.eventsTopic(), settings.platform(), settings.webhook(),
                    settings.channel());
            while (!stopping) {
                deliver(c, delivered, c.poll(Duration.ofMillis(500)));
            }
        } catch (Stopped | WakeupException e) {
            LOG.info("notifier stopped");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            failure = e;
            LOG.errorf("notifier stopped by an error: %s", e.toString());
        } finally {
            consumer = null;
        }
    }

    private Map<String, Object> consumerConfig() {
        return Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, settings.groupId(),
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.CLIENT_ID_CONFIG, "datasurface-notifier");
    }

    private void deliver(KafkaConsumer<String, String> c, DeliveredIds delivered, ConsumerRecords<String, String> records)
            throws Stopped, InterruptedException {
        int generation = revocations.get();
        Map<TopicPartition, Long> resumeAt = new HashMap<>();
        for (TopicPartition tp : records.partitions()) {
            resumeAt.put(tp, records.records(tp).get(0).offset());
        }
        try {
            for (TopicPartition tp : records.partitions()) {
                for (ConsumerRecord<String, String> record : records.records(tp)) {
                    if (stopping) {
                        throw new Stopped();
                    }
                    if (revocations.get() != generation) {
                        throw new Reassigned();
                    }
                    handle(c, delivered, record);
                    commit(c, tp, record.offset() + 1);
                    resumeAt.put(tp, record.offset() + 1);
                }
            }
        } catch (Reassigned e) {
            // What this consumer still owns is read again from the first event not handled; the rest belongs to others now.
            resumeAt.forEach((tp, offset) -> {
                if (c.assignment().contains(tp)) {
                    c.seek(tp, offset);
                }
            });
        }
    }

    private void commit(KafkaConsumer<String, String> c, TopicPartition tp, long next) throws Stopped {
        try {
            c.commitSync(Map.of(tp, new OffsetAndMetadata(next)));
        } catch (WakeupException e) {
            throw new Stopped();
        } catch (KafkaException e) {
            // The event's id is recorded: a redelivery is dropped as a duplicate.
            LOG.warnf("offset %d of %s not committed (%s); the event's id is recorded, so a redelivery is dropped", next, tp, e.toString());
        }
    }

    private void handle(KafkaConsumer<String, String> c, DeliveredIds delivered, ConsumerRecord<String, String> record)
            throws Stopped, Reassigned, InterruptedException {
        DataSurfaceEvent event;
        try {
            event = CloudEvents.fromJson(record.value() == null ? "" : record.value());
        } catch (IllegalArgumentException e) {
            LOG.warnf("event at %s-%d offset %d is not a DataSurface CloudEvent, not posted: %s", record.topic(), record.partition(),
                    record.offset(), e.getMessage());
            metrics.dropped(DropReason.UNREADABLE);
            return;
        }
        if (delivered.contains(event.id())) {
            LOG.debugf("event %s already posted, dropped", event.id());
            metrics.dropped(DropReason.DUPLICATE);
            return;
        }
        Optional<String> platform = SlackMessages.platformOf(event);
        if (platform.isPresent() && !platform.get().equals(settings.platform())) {
            metrics.dropped(DropReason.OTHER_PLATFORM);
            return;
        }
        if (settings.skipTypes().contains(event.type())) {
            metrics.dropped(DropReason.SKIPPED_TYPE);
            return;
        }
        post(c, delivered, event, new TopicPartition(record.topic(), record.partition()));
    }

    private void post(KafkaConsumer<String, String> c, DeliveredIds delivered, DataSurfaceEvent event, TopicPartition tp)
            throws Stopped, Reassigned, InterruptedException {
        String payload = messages.format(event).payload(settings.channel());
        for (int attempt = 0; ; attempt++) {
            awaitUntil(c, lastPost.plus(settings.minInterval()), tp);
            SlackWebhook.Outcome outcome = settings.webhook().post(payload);
            // Counted from the answer: Slack then has the previous message, however long it was on its way.
            lastPost = clock.instant();
            if (outcome instanceof SlackWebhook.Accepted) {
                delivered.record(event.id());
                metrics.sent();
                return;
            }
            if (outcome instanceof SlackWebhook.Rejected r) {
                // Retrying cannot help: the message itself is refused. Later events must not wait behind it.
                LOG.errorf("Slack refused event %s (%s) with %d %s; not retried", event.id(), event.type(), r.status(), r.error());
                delivered.record(event.id());
                metrics.rejected();
                return;
            }
            Duration wait;
            if (outcome instanceof SlackWebhook.RateLimited limited) {
                metrics.retried(RetryReason.RATE_LIMITED);
                wait = limited.retryAfter().orElse(backoff.delay(attempt));
                LOG.infof("Slack rate-limited event %s; retrying in %d ms", event.id(), wait.toMillis());
            } else if (outcome instanceof SlackWebhook.ServerError s) {
                metrics.retried(RetryReason.SERVER_ERROR);
                wait = backoff.delay(attempt);
                LOG.warnf("Slack answered %d to event %s; retry %d in %d ms", s.status(), event.id(), attempt + 1, wait.toMillis());
            } else {
                metrics.retried(RetryReason.UNREACHABLE);
                wait = backoff.delay(attempt);
                LOG.warnf("Slack unreachable for event %s (%s); retry %d in %d ms", event.id(), ((SlackWebhook.Unreachable) outcome).reason(),
                        attempt + 1, wait.toMillis());
            }
            awaitUntil(c, clock.instant().plus(wait), tp);
        }
    }

    /**
     * Waits with the partitions paused, polling so that the group keeps this consumer. Records of partitions assigned
     * meanwhile are not paused yet and may come back: their position is set back so that they are read again later.
     */
    private void awaitUntil(KafkaConsumer<String, String> c, Instant until, TopicPartition tp) throws Stopped, Reassigned {
        int generation = revocations.get();
        try {
            while (clock.instant().isBefore(until)) {
                if (stopping) {
                    throw new Stopped();
                }
                c.pause(c.assignment());
                long millis = Math.max(1, Math.min(200, Duration.between(clock.instant(), until).toMillis()));
                ConsumerRecords<String, String> unexpected = c.poll(Duration.ofMillis(millis));
                for (TopicPartition p : unexpected.partitions()) {
                    c.seek(p, unexpected.records(p).get(0).offset());
                }
                if (revocations.get() != generation && !c.assignment().contains(tp)) {
                    throw new Reassigned();
                }
            }
        } catch (WakeupException e) {
            throw new Stopped();
        } finally {
            c.resume(c.paused());
        }
    }
}
