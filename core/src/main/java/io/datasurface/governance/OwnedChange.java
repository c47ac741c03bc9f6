package io.datasurface.governance;

import static java.util.Objects.requireNonNull;

import io.datasurface.model.Repository;

/** A change together with the only repository that may make it. */
public record OwnedChange(ModelChange change, Repository owner) {
    public OwnedChange {
        requireNonNull(change, "change is null");
        requireNonNull(owner, "owner is null");
    }
}
