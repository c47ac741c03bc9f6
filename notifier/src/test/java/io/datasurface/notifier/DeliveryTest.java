package io.datasurface.notifier;

import static org.assertj.core.api.Assertions.assertThat;

import io.datasurface.events.DataSurfaceEvent;
import io.datasurface.events.DataSurfaceEvent.MergeFailed;
import io.datasurface.events.DataSurfaceEvent.MergeSucceeded;
import io.datasurface.notifier.NotifierMetrics.DropReason;
import io.datasurface.notifier.NotifierMetrics.RetryReason;
import io.datasurface.notifier.SlackStandIn.Answer;
import io.datasurface.notifier.SlackStandIn.Call;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class DeliveryTest {
    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final Instant T = Instant.parse("2026-11-29T10:00:00Z");

    private final DeliveryFixture fixture = new DeliveryFixture();

    @AfterEach
    void close() throws InterruptedException {
        fixture.close();
    }

    private static MergeSucceeded merged(String stream, long batch) {
        return new MergeSucceeded(DeliveryFixture.PLATFORM, stream, batch, 1, 1, 0, 0, 0, 10, T.plusSeconds(batch));
    }

    private static List<String> ids(List<Call> calls) {
        return calls.stream().map(Call::eventId).toList();
    }

    @Test
    void postsEveryEventOnceInTheOrderPublished() throws Exception {
        List<DataSurfaceEvent> events = IntStream.rangeClosed(1, 5).mapToObj(i -> (DataSurfaceEvent) merged("shop_db.customers", i)).toList();
        fixture.publish(events.toArray(DataSurfaceEvent[]::new));

        fixture.start();

        assertThat(ids(fixture.awaitAccepted(5, PATIENCE))).containsExactlyElementsOf(events.stream().map(DataSurfaceEvent::id).toList());
        assertThat(fixture.awaitSentCount(5, PATIENCE)).isEqualTo(5);
    }

    @Test
    void aRateLimitedPostIsRetriedAfterItsRetryAfter() throws Exception {
        fixture.slack.script(Answer.rateLimited(1));
        fixture.publish(merged("shop_db.customers", 1));

        fixture.start();

        List<Call> accepted = fixture.awaitAccepted(1, PATIENCE);
        List<Call> calls = fixture.slack.calls();
        assertThat(calls).extracting(Call::status).containsExactly(429, 200);
        assertThat(Duration.between(calls.get(0).at(), accepted.get(0).at())).isGreaterThanOrEqualTo(Duration.ofSeconds(1));
        assertThat(fixture.metrics.retriedCount(RetryReason.RATE_LIMITED)).isEqualTo(1);
    }

    @Test
    void serverErrorsAreRetriedWithGrowingWaitsUntilAccepted() throws Exception {
        fixture.slack.script(Answer.status(500), Answer.status(502), Answer.status(503));
        fixture.publish(merged("shop_db.customers", 1));

        fixture.start();

        fixture.awaitAccepted(1, PATIENCE);
        List<Call> calls = fixture.slack.calls();
        assertThat(calls).extracting(Call::status).containsExactly(500, 502, 503, 200);
        // Backoff from 100 ms: at least 50, 100 and 200 ms between the attempts.
        assertThat(Duration.between(calls.get(0).at(), calls.get(3).at())).isGreaterThanOrEqualTo(Duration.ofMillis(350));
        assertThat(fixture.metrics.retriedCount(RetryReason.SERVER_ERROR)).isEqualTo(3);
    }

    @Test
    void aRefusedMessageIsCountedAndTheNextOnesStillGo() throws Exception {
        fixture.slack.refuse("POISON");
        MergeFailed refused = new MergeFailed(DeliveryFixture.PLATFORM, "shop_db.customers", "POISON", T);
        fixture.publish(merged("shop_db.customers", 1), refused, merged("shop_db.customers", 2));

        fixture.start();

        assertThat(ids(fixture.awaitAccepted(2, PATIENCE))).containsExactly(merged("shop_db.customers", 1).id(), merged("shop_db.customers", 2).id());
        assertThat(fixture.slack.calls()).filteredOn(c -> c.status() == 400).hasSize(1);
        assertThat(fixture.metrics.rejectedCount()).isEqualTo(1);
    }

    @Test
    void atMostOneMessageEachMinIntervalGoesToTheWebhook() throws Exception {
        fixture.minInterval = Duration.ofSeconds(1);
        fixture.publish(merged("shop_db.customers", 1), merged("shop_db.customers", 2), merged("shop_db.customers", 3));

        fixture.start();

        List<Call> accepted = fixture.awaitAccepted(3, PATIENCE);
        assertThat(accepted).hasSize(3);
        for (int i = 1; i < accepted.size(); i++) {
            assertThat(Duration.between(accepted.get(i - 1).at(), accepted.get(i).at())).isGreaterThanOrEqualTo(Duration.ofMillis(990));
        }
    }

    @Test
    void aRepublishedEventIsDroppedAlsoAfterARestart() throws Exception {
        MergeSucceeded event = merged("shop_db.customers", 1);
        fixture.publish(event);
        EventDelivery first = fixture.start();
        fixture.awaitAccepted(1, PATIENCE);
        assertThat(fixture.awaitCommitted(1, PATIENCE)).isEqualTo(1);
        first.stop();

        fixture.publish(event, merged("shop_db.customers", 2));
        fixture.start();

        assertThat(ids(fixture.awaitAccepted(2, PATIENCE))).containsExactly(event.id(), merged("shop_db.customers", 2).id());
        assertThat(fixture.metrics.droppedCount(DropReason.DUPLICATE)).isEqualTo(1);
    }

    @Test
    void eventsOfAnotherPlatformAndUnreadableOnesAreNotPosted() throws Exception {
        fixture.publish(new MergeSucceeded("Other", "x", 1, 1, 1, 0, 0, 0, 1, T));
        fixture.publishRaw("Prod", "{not json");
        fixture.publish(merged("shop_db.customers", 1));

        fixture.start();

        assertThat(ids(fixture.awaitAccepted(1, PATIENCE))).containsExactly(merged("shop_db.customers", 1).id());
        assertThat(fixture.metrics.droppedCount(DropReason.OTHER_PLATFORM)).isEqualTo(1);
        assertThat(fixture.metrics.droppedCount(DropReason.UNREADABLE)).isEqualTo(1);
    }

    @Test
    void changeEventsAboutARepositoryArePosted() throws Exception {
        DataSurfaceEvent change = ExampleEvents.ALL.get(1);
        fixture.publish(change);

        fixture.start();

        assertThat(ids(fixture.awaitAccepted(1, PATIENCE))).containsExactly(change.id());
    }
}
