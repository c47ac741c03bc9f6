package io.datasurface.model;

import static java.util.Objects.requireNonNull;

import java.util.List;

/** A consumer's need for data, served by one data platform. */
public record Workspace(String name, Documentation documentation, String platform, List<DatasetGroup> groups) {
    public Workspace {
        requireNonNull(name, "name is null");
        requireNonNull(documentation, "documentation is null");
        requireNonNull(platform, "platform is null");
        groups = List.copyOf(requireNonNull(groups, "groups is null"));
    }
}
