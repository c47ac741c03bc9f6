package io.datasurface.model;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;

/** A producer's database, published as datasets through its capture metadata. */
public record Datastore(String name, Documentation documentation, Optional<CaptureMetaData> capture,
        Optional<LocationRef> location, List<Dataset> datasets) {
    public Datastore {
        requireNonNull(name, "name is null");
        requireNonNull(documentation, "documentation is null");
        requireNonNull(capture, "capture is null");
        requireNonNull(location, "location is null");
        datasets = List.copyOf(requireNonNull(datasets, "datasets is null"));
    }

    public Optional<Dataset> dataset(String datasetName) {
        return datasets.stream().filter(d -> d.name().equals(datasetName)).findFirst();
    }
}
