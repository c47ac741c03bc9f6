package io.datasurface.model;

import static java.util.Objects.requireNonNull;

import java.util.List;

/** A provider of infrastructure (a public cloud or the company's own data centres). */
public record InfrastructureVendor(String name, String cloud, List<InfrastructureLocation> locations) {
    public InfrastructureVendor {
        requireNonNull(name, "name is null");
        requireNonNull(cloud, "cloud is null");
        locations = List.copyOf(requireNonNull(locations, "locations is null"));
    }
}
