package io.datasurface.governance;

import static java.util.Objects.requireNonNull;

import io.datasurface.model.ObjectPath;

/** One difference between two models: where, and what changed there. */
public record ModelChange(ObjectPath path, String description) {
    public ModelChange {
        requireNonNull(path, "path is null");
        requireNonNull(description, "description is null");
    }

    @Override
    public String toString() {
        return path + ": " + description;
    }
}
