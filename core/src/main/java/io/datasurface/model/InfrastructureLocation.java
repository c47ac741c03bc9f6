package io.datasurface.model;

import static java.util.Objects.requireNonNull;

import java.util.List;

/** A place where infrastructure runs; locations nest (region, then data centre). */
public record InfrastructureLocation(String name, List<InfrastructureLocation> locations) {
    public InfrastructureLocation {
        requireNonNull(name, "name is null");
        locations = List.copyOf(requireNonNull(locations, "locations is null"));
    }
}
