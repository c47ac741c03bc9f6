package io.datasurface.notifier;

import static org.assertj.core.api.Assertions.assertThat;

import io.datasurface.events.DataSurfaceEvent;
import io.datasurface.events.DataSurfaceEvent.MergeFailed;
import io.datasurface.events.DataSurfaceEvent.MergeSucceeded;
import io.datasurface.notifier.NotifierMetrics.RetryReason;
import io.datasurface.notifier.SlackStandIn.Answer;
import io.datasurface.notifier.SlackStandIn.Call;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

/**
 * The proof: Slack rate-limits, fails, and goes away for an outage during which events keep
 * arriving and the notifier is stopped and started again; one message is refused for good. After the
 * outage every event is posted exactly once, each stream's in order, and the refused one is counted.
 * The outage lasts 6 s by default; {@code -Dnotifier.outage=PT60S} runs it at the 60 s.
 */
class OutageTest {
    private static final Duration OUTAGE = Duration.parse(System.getProperty("notifier.outage", "PT6S"));
    private static final Instant T = Instant.parse("2026-11-29T10:00:00Z");
    private static final List<String> STREAMS = List.of("shop_db.customers", "shop_db.products");

    private final Map<String, MergeSucceeded> expected = new LinkedHashMap<>();
    private final Map<String, Long> batches = new LinkedHashMap<>();

    private MergeSucceeded next(String stream) {
        long batch = batches.merge(stream, 1L, Long::sum);
        MergeSucceeded e = new MergeSucceeded(DeliveryFixture.PLATFORM, stream, batch, batch, batch, 0, 0, 0, 5, T.plusSeconds(batch));
        expected.put(e.id(), e);
        return e;
    }

    @Test
    void anOutageWithARestartInsideLosesNothingAndPostsEachEventOnceInStreamOrder() throws Exception {
        List<String> logged = new CopyOnWriteArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord r) {
                logged.add(r.getMessage() + " " + Arrays.toString(r.getParameters()));
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger.getLogger("").addHandler(capture);
        try (DeliveryFixture fixture = new DeliveryFixture()) {
            fixture.backoffMax = Duration.ofSeconds(2);
            fixture.slack.refuse("POISON");
            fixture.slack.script(Answer.rateLimited(1), Answer.status(500), Answer.status(503));
            EventDelivery first = fixture.start();
            fixture.publish(next(STREAMS.get(0)));
            fixture.awaitAccepted(1, Duration.ofSeconds(30));
            fixture.publish(next(STREAMS.get(0)), next(STREAMS.get(1)));
            fixture.awaitAccepted(3, Duration.ofSeconds(30));
            // Slack records a call before its answer is sent: the outage starts once the notifier has read the third one.
            assertThat(fixture.awaitSentCount(3, Duration.ofSeconds(30))).isEqualTo(3);

            fixture.slack.down();
            Instant outageStart = Instant.now();
            int ticks = 8;
            Duration tick = OUTAGE.dividedBy(ticks);
            for (int i = 0; i < ticks; i++) {
                fixture.publish(next(STREAMS.get(i % 2)));
                if (i == ticks / 2) {
                    // The notifier goes down mid-outage with an event in its retry loop, and comes back.
                    first.stop();
                    fixture.start();
                    MergeFailed refused = new MergeFailed(DeliveryFixture.PLATFORM, STREAMS.get(0), "POISON: Slack refuses this one", T);
                    fixture.publish(refused);
                }
                Thread.sleep(tick.toMillis());
            }
            Duration sinceStart = Duration.between(outageStart, Instant.now());
            if (sinceStart.compareTo(OUTAGE) < 0) {
                Thread.sleep(OUTAGE.minus(sinceStart).toMillis());
            }
            fixture.slack.up();
            Instant outageEnd = Instant.now();
            fixture.publish(next(STREAMS.get(1)));

            List<Call> accepted = fixture.awaitAccepted(expected.size(), Duration.ofSeconds(60).plus(OUTAGE));
            Duration recovery = Duration.between(outageEnd, accepted.get(accepted.size() - 1).at());
            System.out.printf("outage %s: %d events posted, the last %d ms after Slack came back; %d unreachable retries%n", OUTAGE,
                    accepted.size(), recovery.toMillis(), fixture.metrics.retriedCount(RetryReason.UNREACHABLE));

            List<String> ids = accepted.stream().map(Call::eventId).toList();
            assertThat(ids).as("every event exactly once").doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(expected.keySet());
            for (String stream : STREAMS) {
                List<Long> order = ids.stream().map(expected::get).filter(e -> e.stream().equals(stream)).map(MergeSucceeded::batchId).toList();
                assertThat(order).as(stream + " in order").isSorted();
            }
            assertThat(fixture.metrics.rejectedCount()).isEqualTo(1);
            assertThat(fixture.slack.calls()).filteredOn(c -> c.status() == 400).hasSize(1);
            assertThat(fixture.metrics.retriedCount(RetryReason.RATE_LIMITED)).isEqualTo(1);
            assertThat(fixture.metrics.retriedCount(RetryReason.SERVER_ERROR)).isEqualTo(2);
            assertThat(fixture.metrics.retriedCount(RetryReason.UNREACHABLE)).isPositive();
        } finally {
            Logger.getLogger("").removeHandler(capture);
        }
        assertThat(logged).as("log lines").isNotEmpty().noneMatch(line -> line.contains("s3cr3t") || line.contains(SlackStandIn.SECRET_PATH));
    }
}
