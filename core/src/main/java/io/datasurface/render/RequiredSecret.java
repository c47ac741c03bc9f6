package io.datasurface.render;

import static java.util.Objects.requireNonNull;

import java.util.List;

/** A Kubernetes secret the user must create before the platform runs: its keys and what reads it. */
public record RequiredSecret(String name, String kind, List<String> keys, String usedBy) {
    public RequiredSecret {
        requireNonNull(name, "name is null");
        requireNonNull(kind, "kind is null");
        keys = List.copyOf(requireNonNull(keys, "keys is null"));
        requireNonNull(usedBy, "usedBy is null");
    }
}
