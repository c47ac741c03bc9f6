package io.datasurface.local;

import static io.datasurface.local.Rows.row;
import static org.assertj.core.api.Assertions.assertThat;

import io.datasurface.kpsg.IngestedDataset;
import java.math.BigDecimal;
import java.sql.Connection;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.LongStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * Stopping and restarting the Kafka Connect worker while the sources keep changing loses nothing
 * and doubles nothing: every change made before, during and after the restart is in staging once.
 */
@Order(2)
class ConnectRestartTest {
    private static final long FIRST = 10_000;
    /** Rows written before the restart begins, and again after it ended; as many as it takes in between. */
    private static final int ROWS_EACH_SIDE = 20;
    private static LocalPlatform platform;

    @BeforeAll
    static void start() {
        platform = SharedPlatform.get();
    }

    @Test
    void restartingTheWorkerMidWorkloadLosesAndDoublesNothingInStaging() throws Exception {
        SourceDatabases.Source ordersDb = platform.sources().source("orders_db");
        SourceDatabases.Source customerDb = platform.sources().source("customer_db");
        IngestedDataset orders = ordersDb.dataset("orders");
        IngestedDataset customers = customerDb.dataset("customers");
        IngestedDataset addresses = customerDb.dataset("addresses");
        AtomicInteger written = new AtomicInteger();
        AtomicInteger restartedAt = new AtomicInteger(-1);
        CompletableFuture<Void> workload = CompletableFuture.runAsync(() -> {
            try (Connection o = ordersDb.database().connect(); Connection c = customerDb.database().connect()) {
                c.setAutoCommit(false);
                for (long id = FIRST; restartedAt.get() < 0 || written.get() < restartedAt.get() + ROWS_EACH_SIDE; id++) {
                    Rows.insert(o, orders, row("order_id", id, "customer_id", id, "placed_at", OffsetDateTime.parse("2026-01-01T00:00:00Z"),
                            "status", "new", "total", new BigDecimal("1.00"), "notes", "Zoë ☕ " + id));
                    Rows.insert(c, customers, row("id", id, "first_name", "Zoë", "last_name", "Ångström", "email", null,
                            "balance", new BigDecimal("0.00"), "created_at", OffsetDateTime.parse("2026-01-01T00:00:00Z")));
                    Rows.insert(c, addresses, row("customer_id", id, "kind", "home", "street", "東京", "city", "☕", "postcode", null));
                    c.commit();
                    written.incrementAndGet();
                    Thread.sleep(40);
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        while (written.get() < ROWS_EACH_SIDE) {
            Thread.sleep(20);
        }
        int before = written.get();
        long t0 = System.nanoTime();
        platform.connect().restart();
        restartedAt.set(written.get());
        workload.get(120, TimeUnit.SECONDS);
        int rowCount = written.get();
        System.out.printf("restart of the Connect worker and its %d connectors took %.1fs; transactions written: %d before, %d during, %d after%n",
                platform.connect().connectors().size(), (System.nanoTime() - t0) / 1e9, before, restartedAt.get() - before, rowCount - restartedAt.get());

        List<Long> expected = LongStream.range(FIRST, FIRST + rowCount).boxed().toList();
        for (IngestedDataset d : List.of(orders, customers, addresses)) {
            String key = d.keyColumns().get(0).column().name();
            Staging.awaitBetween(platform, d, key, FIRST, FIRST + rowCount - 1, rowCount);
        }
        // Anything sent twice would arrive after the first copies: give it time to show up.
        Thread.sleep(3000);
        for (IngestedDataset d : List.of(orders, customers, addresses)) {
            String key = d.keyColumns().get(0).column().name();
            List<Staging.Row> rows = Staging.read(platform, d, key, FIRST, FIRST + rowCount - 1);
            assertThat(rows).as(d.name()).extracting(r -> r.values().get(key)).containsExactlyElementsOf(expected);
            assertThat(rows).as(d.name()).extracting(Staging.Row::op).containsOnly("c");
        }
    }
}
