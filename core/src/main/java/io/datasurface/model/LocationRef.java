package io.datasurface.model;

import static java.util.Objects.requireNonNull;

import java.util.List;

/** Where a datastore is hosted: a vendor and a path through its nested locations. */
public record LocationRef(String vendor, List<String> path) {
    public LocationRef {
        requireNonNull(vendor, "vendor is null");
        path = List.copyOf(requireNonNull(path, "path is null"));
    }

    /** Parses {@code Vendor/Region/DC}. */
    public static LocationRef parse(String text) {
        List<String> parts = List.of(text.split("/", -1));
        return new LocationRef(parts.get(0), parts.subList(1, parts.size()));
    }

    @Override
    public String toString() {
        return path.isEmpty() ? vendor : vendor + "/" + String.join("/", path);
    }
}
