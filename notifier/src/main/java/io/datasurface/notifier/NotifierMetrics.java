package io.datasurface.notifier;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The notifier's own counters, in Prometheus' text format at {@code /q/metrics}. They count since
 * the process started (a restart resets them, which Prometheus' rate() handles).
 */
public final class NotifierMetrics {
    public static final String SENT = "datasurface_notifier_messages_sent_total";
    public static final String RETRIED = "datasurface_notifier_retries_total";
    public static final String DROPPED = "datasurface_notifier_messages_dropped_total";
    public static final String REJECTED = "datasurface_notifier_messages_rejected_total";

    /** Why a post is retried. */
    public enum RetryReason { RATE_LIMITED, SERVER_ERROR, UNREACHABLE }

    /** Why an event is not posted. */
    public enum DropReason { DUPLICATE, UNREADABLE, OTHER_PLATFORM, SKIPPED_TYPE }

    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong rejected = new AtomicLong();
    private final Map<RetryReason, AtomicLong> retried = new ConcurrentHashMap<>();
    private final Map<DropReason, AtomicLong> dropped = new ConcurrentHashMap<>();

    public NotifierMetrics() {
        for (RetryReason r : RetryReason.values()) {
            retried.put(r, new AtomicLong());
        }
        for (DropReason r : DropReason.values()) {
            dropped.put(r, new AtomicLong());
        }
    }

    void sent() {
        sent.incrementAndGet();
    }

    void rejected() {
        rejected.incrementAndGet();
    }

    void retried(RetryReason reason) {
        retried.get(reason).incrementAndGet();
    }

    void dropped(DropReason reason) {
        dropped.get(reason).incrementAndGet();
    }

    public long sentCount() {
        return sent.get();
    }

    public long rejectedCount() {
        return rejected.get();
    }

    public long retriedCount(RetryReason reason) {
        return retried.get(reason).get();
    }

    public long droppedCount(DropReason reason) {
        return dropped.get(reason).get();
    }

    public String exposition() {
        StringBuilder out = new StringBuilder();
        family(out, SENT, "Messages Slack accepted.");
        out.append(SENT).append(' ').append(sent.get()).append('\n');
        family(out, RETRIED, "Posts retried, by reason: rate_limited (429), server_error (5xx), unreachable (no answer).");
        new TreeMap<>(retried).forEach((r, n) -> out.append(RETRIED).append("{reason=\"").append(label(r)).append("\"} ").append(n.get()).append('\n'));
        family(out, DROPPED, "Events not posted, by reason: duplicate (id already posted), unreadable, other_platform, skipped_type.");
        new TreeMap<>(dropped).forEach((r, n) -> out.append(DROPPED).append("{reason=\"").append(label(r)).append("\"} ").append(n.get()).append('\n'));
        family(out, REJECTED, "Messages Slack refused for good (a 4xx other than 429); logged, not retried.");
        out.append(REJECTED).append(' ').append(rejected.get()).append('\n');
        return out.toString();
    }

    private static String label(Enum<?> reason) {
        return reason.name().toLowerCase(Locale.ENGLISH);
    }

    private static void family(StringBuilder out, String name, String help) {
        out.append("# HELP ").append(name).append(' ').append(help).append('\n');
        out.append("# TYPE ").append(name).append(" counter\n");
    }
}
