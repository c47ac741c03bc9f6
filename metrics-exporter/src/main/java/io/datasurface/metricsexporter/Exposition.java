package io.datasurface.metricsexporter;

import io.datasurface.kpsg.RunStatus;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A {@link PlatformSnapshot} in Prometheus' text exposition format (version 0.0.4), the same text
 * for a scrape and for a Pushgateway push. Labels are the platform, the stream and a small closed
 * set (operation, status): nothing per batch, no error text.
 */
public final class Exposition {
    public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    public static final String ROWS = "datasurface_merge_rows_total";
    public static final String STAGING_ROWS = "datasurface_merge_staging_rows_total";
    public static final String RELEASED_TRANSACTIONS = "datasurface_merge_released_transactions_total";
    public static final String BATCHES = "datasurface_merge_batches_total";
    public static final String DURATION = "datasurface_merge_duration_seconds";
    public static final String LAST_SUCCESS = "datasurface_merge_last_success_timestamp_seconds";
    public static final String CONSECUTIVE_FAILURES = "datasurface_merge_consecutive_failures";
    public static final String HELD_TRANSACTIONS = "datasurface_merge_held_transactions";
    public static final String BACKLOG = "datasurface_staging_backlog_rows";
    public static final String INTERVAL = "datasurface_merge_interval_seconds";

    private Exposition() {
    }

    public static String of(PlatformSnapshot snapshot) {
        StringBuilder out = new StringBuilder();
        List<StreamMetrics> streams = snapshot.streams();
        String platform = snapshot.platform();

        family(out, ROWS, "counter", "Merge-table rows changed by succeeded merge batches, by operation.");
        for (StreamMetrics s : streams) {
            for (String op : StreamMetrics.OPERATIONS) {
                sample(out, ROWS, labels(platform, s, "op", op), s.rows().get(op));
            }
        }
        family(out, STAGING_ROWS, "counter", "Staging rows (changes) consumed by succeeded merge batches.");
        streams.forEach(s -> sample(out, STAGING_ROWS, labels(platform, s), s.stagingRows()));
        family(out, RELEASED_TRANSACTIONS, "counter",
                "Incomplete source transactions succeeded merge batches consumed after their wait: consumers may have seen them partly.");
        streams.forEach(s -> sample(out, RELEASED_TRANSACTIONS, labels(platform, s), s.releasedTransactions()));

        family(out, BATCHES, "counter", "Merge runs by outcome: succeeded, failed, already_running (another run held the stream).");
        for (StreamMetrics s : streams) {
            for (RunStatus status : StreamMetrics.FINISHED) {
                sample(out, BATCHES, labels(platform, s, "status", status.value()), s.batches().get(status));
            }
        }

        family(out, DURATION, "histogram", "Duration of succeeded merge batches.");
        for (StreamMetrics s : streams) {
            DurationHistogram h = s.durations();
            for (int i = 0; i < DurationHistogram.BOUNDS_SECONDS.size(); i++) {
                sample(out, DURATION + "_bucket", labels(platform, s, "le", number(DurationHistogram.BOUNDS_SECONDS.get(i))),
                        h.cumulativeCounts().get(i));
            }
            sample(out, DURATION + "_bucket", labels(platform, s, "le", "+Inf"), h.count());
            sample(out, DURATION + "_sum", labels(platform, s), h.sumSeconds());
            sample(out, DURATION + "_count", labels(platform, s), h.count());
        }

        family(out, LAST_SUCCESS, "gauge", "When the stream's last merge batch succeeded (Unix time); absent before its first success.");
        streams.forEach(s -> s.lastSuccess().ifPresent(t -> sample(out, LAST_SUCCESS, labels(platform, s), t.toEpochMilli() / 1000.0)));

        family(out, CONSECUTIVE_FAILURES, "gauge", "Merge runs of the stream that failed since its last success.");
        streams.forEach(s -> sample(out, CONSECUTIVE_FAILURES, labels(platform, s), s.consecutiveFailures()));

        family(out, HELD_TRANSACTIONS, "gauge",
                "Source transactions the stream's last succeeded merge batch left in staging until all their changes arrive; absent before its first success.");
        streams.forEach(s -> s.heldTransactions().ifPresent(n -> sample(out, HELD_TRANSACTIONS, labels(platform, s), n)));

        family(out, BACKLOG, "gauge", "Staging rows waiting for the stream's next merge batch.");
        streams.forEach(s -> s.model().ifPresent(m -> sample(out, BACKLOG, labels(platform, s), m.backlogRows())));

        family(out, INTERVAL, "gauge", "How often the model schedules the stream's merge.");
        streams.forEach(s -> s.model().ifPresent(m -> sample(out, INTERVAL, labels(platform, s), m.schedule().toSeconds())));
        return out.toString();
    }

    private static void family(StringBuilder out, String name, String type, String help) {
        out.append("# HELP ").append(name).append(' ').append(help).append('\n');
        out.append("# TYPE ").append(name).append(' ').append(type).append('\n');
    }

    private static Map<String, String> labels(String platform, StreamMetrics s, String... more) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("platform", platform);
        labels.put("stream", s.stream());
        for (int i = 0; i < more.length; i += 2) {
            labels.put(more[i], more[i + 1]);
        }
        return labels;
    }

    private static void sample(StringBuilder out, String name, Map<String, String> labels, Number value) {
        List<String> pairs = new ArrayList<>();
        labels.forEach((k, v) -> pairs.add(k + "=\"" + escape(v) + "\""));
        out.append(name).append('{').append(String.join(",", pairs)).append("} ").append(number(value)).append('\n');
    }

    /** Backslash, double quote and line feed are the characters a label value escapes. */
    static String escape(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }

    /** Plain decimal notation: integers without a fraction, no exponent. */
    static String number(Number value) {
        if (value instanceof Long || value instanceof Integer) {
            return value.toString();
        }
        return BigDecimal.valueOf(value.doubleValue()).stripTrailingZeros().toPlainString();
    }
}
