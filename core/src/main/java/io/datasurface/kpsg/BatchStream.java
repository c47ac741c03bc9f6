package io.datasurface.kpsg;

import static java.util.Objects.requireNonNull;

import io.datasurface.model.Milestoning;
import io.datasurface.model.Durations;
import java.time.Duration;
import java.util.List;

/**
 * A unit of merging: all ingested datasets of a multi-dataset store (merged in one transaction), or
 * one dataset of a single-dataset store. Its key is the store name, or {@code store.dataset}. The
 * store's transaction topic carries the BEGIN and END records that tell a batch which source
 * transactions have fully arrived in staging.
 */
public record BatchStream(String key, String zone, String team, String datastore, String transactionTopic, boolean multiDataset,
        Milestoning milestoning, Duration schedule, List<IngestedDataset> datasets) {
    public BatchStream {
        requireNonNull(key, "key is null");
        requireNonNull(zone, "zone is null");
        requireNonNull(team, "team is null");
        requireNonNull(datastore, "datastore is null");
        requireNonNull(transactionTopic, "transactionTopic is null");
        requireNonNull(milestoning, "milestoning is null");
        requireNonNull(schedule, "schedule is null");
        datasets = List.copyOf(requireNonNull(datasets, "datasets is null"));
        if (datasets.isEmpty()) {
            throw new IllegalArgumentException("batch-stream " + key + " has no datasets");
        }
    }

    /** How people see the stream in every listing and description: {@code multi-dataset, milestoned, every 2m, owner USA/sales}. */
    public String describe() {
        return (multiDataset ? "multi-dataset" : "single-dataset") + ", " + milestoning.yamlName() + ", every " + Durations.format(schedule)
                + ", owner " + zone + "/" + team;
    }

    /**
     * The stream's key as a file and identifier stem ({@code customer_db}, {@code orders_db_orders}): what its DAG file
     * is named after. Two streams of a platform must not share it; lint checks.
     */
    public String stem() {
        return PostgresNames.sanitize(key);
    }

    public static String key(String datastore, String dataset, boolean multiDataset) {
        return multiDataset ? datastore : datastore + "." + dataset;
    }
}
