package io.datasurface.metricsexporter;

import static java.util.Objects.requireNonNull;

import io.datasurface.kpsg.RunStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * What the platform tables say about one batch-stream. Every count is a total over the stream's
 * whole history in {@code ds_job_metrics}, so it never goes down when the exporter restarts.
 *
 * @param batches runs by status, every status except {@link RunStatus#RUNNING} present (0 when none)
 * @param releasedTransactions incomplete source transactions succeeded batches consumed after their wait
 * @param rows rows of succeeded batches by operation (inserted, updated, deleted, unchanged)
 * @param heldTransactions source transactions the last succeeded batch left in staging; empty before the first success
 * @param model what only a stream of the model has; empty for a stream that left the model but is still in the tables
 */
public record StreamMetrics(String stream, Map<RunStatus, Long> batches, long stagingRows, long releasedTransactions,
        Map<String, Long> rows, DurationHistogram durations, Optional<Instant> lastSuccess, OptionalLong heldTransactions,
        int consecutiveFailures, Optional<InModel> model) {

    /**
     * @param schedule how often the stream is merged, as the model says (alerts compare the last success with it)
     * @param backlogRows staging rows no batch consumed yet
     */
    public record InModel(Duration schedule, long backlogRows) {
        public InModel {
            requireNonNull(schedule, "schedule is null");
        }
    }

    /** The operations of {@link #rows()}, named as the job metrics table's columns. */
    public static final List<String> OPERATIONS = List.of("inserted", "updated", "deleted", "unchanged");

    /** The run statuses a committed job metrics row can have. */
    public static final List<RunStatus> FINISHED = List.of(RunStatus.SUCCEEDED, RunStatus.FAILED, RunStatus.ALREADY_RUNNING);

    public StreamMetrics {
        requireNonNull(stream, "stream is null");
        batches = Map.copyOf(new EnumMap<>(requireNonNull(batches, "batches is null")));
        if (!batches.keySet().containsAll(FINISHED)) {
            throw new IllegalArgumentException("batches must count every finished status, has " + batches.keySet());
        }
        rows = Map.copyOf(requireNonNull(rows, "rows is null"));
        if (!rows.keySet().equals(Set.copyOf(OPERATIONS))) {
            throw new IllegalArgumentException("rows must count exactly " + OPERATIONS + ", has " + rows.keySet());
        }
        requireNonNull(durations, "durations is null");
        requireNonNull(lastSuccess, "lastSuccess is null");
        requireNonNull(heldTransactions, "heldTransactions is null");
        requireNonNull(model, "model is null");
    }

    /** A stream of the model that has no rows in the tables yet. */
    public static StreamMetrics none(String stream, Optional<InModel> model) {
        Map<RunStatus, Long> batches = new EnumMap<>(RunStatus.class);
        FINISHED.forEach(s -> batches.put(s, 0L));
        Map<String, Long> rows = new HashMap<>();
        OPERATIONS.forEach(o -> rows.put(o, 0L));
        return new StreamMetrics(stream, batches, 0, 0, rows, DurationHistogram.empty(), Optional.empty(), OptionalLong.empty(), 0, model);
    }
}
