package io.datasurface.model;

import static java.util.Objects.requireNonNull;

/** A consumer's reference to one dataset of one datastore. */
public record DatasetSink(String datastore, String dataset) {
    public DatasetSink {
        requireNonNull(datastore, "datastore is null");
        requireNonNull(dataset, "dataset is null");
    }

    @Override
    public String toString() {
        return datastore + "." + dataset;
    }
}
