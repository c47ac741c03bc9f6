package io.datasurface.model;

import static java.util.Objects.requireNonNull;

/** A zone's declaration that a team exists and which repository owns it. */
public record TeamDeclaration(String name, Repository owner) {
    public TeamDeclaration {
        requireNonNull(name, "name is null");
        requireNonNull(owner, "owner is null");
    }
}
