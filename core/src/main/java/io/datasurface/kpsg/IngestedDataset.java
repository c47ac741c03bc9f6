package io.datasurface.kpsg;

import static java.util.Objects.requireNonNull;

import io.datasurface.model.Dataset;
import java.util.List;

/**
 * A dataset the platform ingests: the Kafka topic its changes arrive on, its staging and merge
 * tables, and its columns as PostgreSQL sees them.
 */
public record IngestedDataset(String datastore, Dataset dataset, String topic, String stagingTable, String mergeTable,
        List<MappedColumn> columns) {
    public IngestedDataset {
        requireNonNull(datastore, "datastore is null");
        requireNonNull(dataset, "dataset is null");
        requireNonNull(topic, "topic is null");
        requireNonNull(stagingTable, "stagingTable is null");
        requireNonNull(mergeTable, "mergeTable is null");
        columns = List.copyOf(requireNonNull(columns, "columns is null"));
    }

    public String name() {
        return dataset.name();
    }

    /** The table that keeps consumed staging rows when the platform archives them. */
    public String stagingArchiveTable() {
        return PostgresNames.fit(stagingTable, TableLayout.ARCHIVE_SUFFIX, stagingTable + TableLayout.ARCHIVE_SUFFIX);
    }

    /** The unique index that allows one live version per key when the merge table is milestoned. */
    public String liveIndex() {
        return mergeTableWith(TableLayout.LIVE_INDEX_SUFFIX);
    }

    /** The index of the live versions by validity range ({@link TableLayout#LIVE_VALIDITY_INDEX_SUFFIX}). */
    public String liveValidityIndex() {
        return mergeTableWith(TableLayout.LIVE_VALIDITY_INDEX_SUFFIX);
    }

    /** The index of the closed versions by validity range ({@link TableLayout#CLOSED_VALIDITY_INDEX_SUFFIX}). */
    public String closedValidityIndex() {
        return mergeTableWith(TableLayout.CLOSED_VALIDITY_INDEX_SUFFIX);
    }

    /** The statistics of the versions' validity ranges ({@link TableLayout#VALIDITY_STATISTICS_SUFFIX}). */
    public String validityStatistics() {
        return mergeTableWith(TableLayout.VALIDITY_STATISTICS_SUFFIX);
    }

    /** The one validity index of every version that merge tables had before ({@link TableLayout#SHARED_VALIDITY_INDEX_SUFFIX}). */
    public String sharedValidityIndex() {
        return mergeTableWith(TableLayout.SHARED_VALIDITY_INDEX_SUFFIX);
    }

    /** The merge table's name with the suffix, shortened as PostgreSQL needs with the suffix kept. */
    private String mergeTableWith(String suffix) {
        return PostgresNames.fit(mergeTable, suffix, mergeTable + suffix);
    }

    public List<MappedColumn> keyColumns() {
        return columns.stream().filter(MappedColumn::primaryKey).toList();
    }

    public List<MappedColumn> nonKeyColumns() {
        return columns.stream().filter(c -> !c.primaryKey()).toList();
    }
}
