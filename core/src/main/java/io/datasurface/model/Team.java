package io.datasurface.model;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;

/** A team's contents: the datastores it produces and the workspaces it consumes through. */
public record Team(String name, Documentation documentation, List<Datastore> datastores, List<Workspace> workspaces) {
    public Team {
        requireNonNull(name, "name is null");
        requireNonNull(documentation, "documentation is null");
        datastores = List.copyOf(requireNonNull(datastores, "datastores is null"));
        workspaces = List.copyOf(requireNonNull(workspaces, "workspaces is null"));
    }

    public Optional<Datastore> datastore(String storeName) {
        for (Datastore store : datastores) {
            if (store.name().equals(storeName)) {
                return Optional.of(store);
            }
        }
        return Optional.empty();
    }
}
