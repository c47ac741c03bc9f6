package io.datasurface.model;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * The classifications a zone's datasets may carry, and those whose data may only be consumed by
 * workspaces of the zone's own teams. An empty allowed list means any classification is allowed.
 */
public record ClassificationPolicy(List<String> allowed, List<String> restrictedToZone) {
    public static final ClassificationPolicy ANY = new ClassificationPolicy(List.of(), List.of());

    public ClassificationPolicy {
        allowed = List.copyOf(requireNonNull(allowed, "allowed is null"));
        restrictedToZone = List.copyOf(requireNonNull(restrictedToZone, "restrictedToZone is null"));
    }

    public boolean allows(String classification) {
        return allowed.isEmpty() || allowed.contains(classification);
    }
}
