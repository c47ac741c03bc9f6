package io.datasurface.model;

import static java.util.Objects.requireNonNull;

import java.util.Map;
import java.util.Optional;

/**
 * Where each object of a loaded model was defined. Kept apart from the model records so that
 * equality of the model covers its meaning only, never the formatting of its files.
 */
public record SourceMap(Map<ObjectPath, SourceLocation> locations) {
    public static final SourceMap EMPTY = new SourceMap(Map.of());

    public SourceMap {
        locations = Map.copyOf(requireNonNull(locations, "locations is null"));
    }

    /** The location of the object, or of its nearest ancestor that has one. */
    public Optional<SourceLocation> locate(ObjectPath path) {
        ObjectPath current = path;
        while (true) {
            SourceLocation location = locations.get(current);
            if (location != null) {
                return Optional.of(location);
            }
            if (current.segments().isEmpty()) {
                return Optional.empty();
            }
            current = current.parent();
        }
    }
}
