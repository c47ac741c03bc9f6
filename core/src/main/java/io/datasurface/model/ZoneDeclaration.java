package io.datasurface.model;

import static java.util.Objects.requireNonNull;

/** The ecosystem's declaration that a governance zone exists and which repository owns it. */
public record ZoneDeclaration(String name, Repository owner) {
    public ZoneDeclaration {
        requireNonNull(name, "name is null");
        requireNonNull(owner, "owner is null");
    }
}
