package io.datasurface.metricsexporter;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * The durations of a stream's succeeded merge batches as a Prometheus histogram: for each upper
 * bound of {@link #BOUNDS_SECONDS}, how many batches took at most that long (cumulative).
 */
public record DurationHistogram(List<Long> cumulativeCounts, long count, double sumSeconds) {

    /** From a tenth of a second (a small batch) to half an hour (a backlog being caught up). */
    public static final List<Double> BOUNDS_SECONDS = List.of(0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0, 60.0, 120.0, 300.0, 600.0, 1800.0);

    public DurationHistogram {
        cumulativeCounts = List.copyOf(requireNonNull(cumulativeCounts, "cumulativeCounts is null"));
        if (cumulativeCounts.size() != BOUNDS_SECONDS.size()) {
            throw new IllegalArgumentException("one count per bound: " + BOUNDS_SECONDS.size() + " expected, " + cumulativeCounts.size() + " given");
        }
        for (int i = 1; i < cumulativeCounts.size(); i++) {
            if (cumulativeCounts.get(i) < cumulativeCounts.get(i - 1)) {
                throw new IllegalArgumentException("counts must be cumulative: " + cumulativeCounts);
            }
        }
        if (!cumulativeCounts.isEmpty() && cumulativeCounts.get(cumulativeCounts.size() - 1) > count) {
            throw new IllegalArgumentException("a bucket holds more than all " + count + " batches");
        }
    }

    public static DurationHistogram empty() {
        return new DurationHistogram(BOUNDS_SECONDS.stream().map(b -> 0L).toList(), 0, 0);
    }

    /** The bounds in milliseconds, as the job metrics table stores durations. */
    public static List<Long> boundsMillis() {
        return BOUNDS_SECONDS.stream().map(s -> Math.round(s * 1000)).toList();
    }
}
