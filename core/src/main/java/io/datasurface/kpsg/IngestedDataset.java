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

    public List<MappedColumn> keyColumns() {
        return columns.stream().filter(MappedColumn::primaryKey).toList();
    }

    public List<MappedColumn> nonKeyColumns() {
        return columns.stream().filter(c -> !c.primaryKey()).toList();
    }
}
