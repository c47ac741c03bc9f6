package io.datasurface.model;

import static java.util.Objects.requireNonNull;

/**
 * A named key to a secret held by the platform's credential store. The model never holds the
 * secret itself.
 */
public record Credential(String name, CredentialKind kind) {
    public Credential {
        requireNonNull(name, "name is null");
        requireNonNull(kind, "kind is null");
    }
}
