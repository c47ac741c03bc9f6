package io.datasurface.metricsexporter;

import static org.assertj.core.api.Assertions.assertThat;

import io.datasurface.kpsg.RunStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class ExpositionTest {
    private static final StreamMetrics CUSTOMERS = new StreamMetrics("shop_db.customers",
            Map.of(RunStatus.SUCCEEDED, 2L, RunStatus.FAILED, 1L, RunStatus.ALREADY_RUNNING, 0L), 15, 3,
            Map.of("inserted", 7L, "updated", 4L, "deleted", 2L, "unchanged", 2L),
            new DurationHistogram(List.of(0L, 0L, 1L, 2L, 2L, 2L, 2L, 2L, 2L, 2L, 2L, 2L, 2L), 2, 0.75),
            Optional.of(Instant.parse("2026-11-29T10:05:00.250Z")), OptionalLong.of(5), 1,
            Optional.of(new StreamMetrics.InModel(Duration.ofMinutes(5), 42)));

    private static String text(StreamMetrics... streams) {
        return Exposition.of(new PlatformSnapshot("Prod", List.of(streams)));
    }

    @Test
    void everySeriesOfAStreamCarriesOnlyPlatformStreamAndAClosedSetLabel() {
        assertThat(text(CUSTOMERS).lines().filter(l -> !l.startsWith("#")).toList()).containsExactly(
                "datasurface_merge_rows_total{platform=\"Prod\",stream=\"shop_db.customers\",op=\"inserted\"} 7",
                "datasurface_merge_rows_total{platform=\"Prod\",stream=\"shop_db.customers\",op=\"updated\"} 4",
                "datasurface_merge_rows_total{platform=\"Prod\",stream=\"shop_db.customers\",op=\"deleted\"} 2",
                "datasurface_merge_rows_total{platform=\"Prod\",stream=\"shop_db.customers\",op=\"unchanged\"} 2",
                "datasurface_merge_staging_rows_total{platform=\"Prod\",stream=\"shop_db.customers\"} 15",
                "datasurface_merge_released_transactions_total{platform=\"Prod\",stream=\"shop_db.customers\"} 3",
                "datasurface_merge_batches_total{platform=\"Prod\",stream=\"shop_db.customers\",status=\"succeeded\"} 2",
                "datasurface_merge_batches_total{platform=\"Prod\",stream=\"shop_db.customers\",status=\"failed\"} 1",
                "datasurface_merge_batches_total{platform=\"Prod\",stream=\"shop_db.customers\",status=\"already_running\"} 0",
                "datasurface_merge_duration_seconds_bucket{platform=\"Prod\",stream=\"shop_db.customers\",le=\"0.1\"} 0",
                "datasurface_merge_duration_seconds_bucket{platform=\"Prod\",stream=\"shop_db.customers\",le=\"0.25\"} 0",
                "datasurface_merge_duration_seconds_bucket{platform=\"Prod\",stream=\"shop_db.customers\",le=\"0.5\"} 1",
                "datasurface_merge_duration_seconds_bucket{platform=\"Prod\",stream=\"shop_db.customers\",le=\"1\"} 2",
                "datasurface_merge_duration_seconds_bucket{platform=\"Prod\",stream=\"shop_db.customers\",le=\"2.5\"} 2",
                "datasurface_merge_duration_seconds_bucket{platform=\"Prod\",stream=\"shop_db.customers\",le=\"5\"} 2",
                "datasurface_merge_duration_seconds_bucket{platform=\"Prod\",stream=\"shop_db.customers\",le=\"10\"} 2",
                "datasurface_merge_duration_seconds_bucket{platform=\"Prod\",stream=\"shop_db.customers\",le=\"30\"} 2",
                "datasurface_merge_duration_seconds_bucket{platform=\"Prod\",stream=\"shop_db.customers\",le=\"60\"} 2",
                "datasurface_merge_duration_seconds_bucket{platform=\"Prod\",stream=\"shop_db.customers\",le=\"120\"} 2",
                "datasurface_merge_duration_seconds_bucket{platform=\"Prod\",stream=\"shop_db.customers\",le=\"300\"} 2",
                "datasurface_merge_duration_seconds_bucket{platform=\"Prod\",stream=\"shop_db.customers\",le=\"600\"} 2",
                "datasurface_merge_duration_seconds_bucket{platform=\"Prod\",stream=\"shop_db.customers\",le=\"1800\"} 2",
                "datasurface_merge_duration_seconds_bucket{platform=\"Prod\",stream=\"shop_db.customers\",le=\"+Inf\"} 2",
                "datasurface_merge_duration_seconds_sum{platform=\"Prod\",stream=\"shop_db.customers\"} 0.75",
                "datasurface_merge_duration_seconds_count{platform=\"Prod\",stream=\"shop_db.customers\"} 2",
                "datasurface_merge_last_success_timestamp_seconds{platform=\"Prod\",stream=\"shop_db.customers\"} 1795946700.25",
                "datasurface_merge_consecutive_failures{platform=\"Prod\",stream=\"shop_db.customers\"} 1",
                "datasurface_merge_held_transactions{platform=\"Prod\",stream=\"shop_db.customers\"} 5",
                "datasurface_staging_backlog_rows{platform=\"Prod\",stream=\"shop_db.customers\"} 42",
                "datasurface_merge_interval_seconds{platform=\"Prod\",stream=\"shop_db.customers\"} 300");
    }

    @Test
    void eachFamilyHasHelpAndType() {
        List<String> types = text(CUSTOMERS).lines().filter(l -> l.startsWith("# TYPE")).toList();

        assertThat(types).containsExactly("# TYPE datasurface_merge_rows_total counter", "# TYPE datasurface_merge_staging_rows_total counter",
                "# TYPE datasurface_merge_released_transactions_total counter", "# TYPE datasurface_merge_batches_total counter",
                "# TYPE datasurface_merge_duration_seconds histogram", "# TYPE datasurface_merge_last_success_timestamp_seconds gauge",
                "# TYPE datasurface_merge_consecutive_failures gauge", "# TYPE datasurface_merge_held_transactions gauge",
                "# TYPE datasurface_staging_backlog_rows gauge", "# TYPE datasurface_merge_interval_seconds gauge");
        assertThat(text(CUSTOMERS).lines().filter(l -> l.startsWith("# HELP"))).hasSize(types.size());
    }

    @Test
    void streamWithoutSuccessOrModelHasNoTimestampHeldBacklogOrIntervalSeries() {
        String text = text(StreamMetrics.none("old_db.orders", Optional.empty()));

        assertThat(text).doesNotContain("datasurface_merge_last_success_timestamp_seconds{", "datasurface_merge_held_transactions{",
                "datasurface_staging_backlog_rows{", "datasurface_merge_interval_seconds{");
    }

    @Test
    void labelValuesEscapeBackslashQuoteAndNewline() {
        assertThat(Exposition.escape("a\\b\"c\nd")).isEqualTo("a\\\\b\\\"c\\nd");
    }
}
