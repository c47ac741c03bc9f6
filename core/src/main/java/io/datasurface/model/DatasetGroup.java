package io.datasurface.model;

import static java.util.Objects.requireNonNull;

import java.util.List;

/** Datasets a workspace consumes together, with the history it needs of them. */
public record DatasetGroup(String name, Milestoning milestoning, List<DatasetSink> sinks) {
    public DatasetGroup {
        requireNonNull(name, "name is null");
        requireNonNull(milestoning, "milestoning is null");
        sinks = List.copyOf(requireNonNull(sinks, "sinks is null"));
    }
}
