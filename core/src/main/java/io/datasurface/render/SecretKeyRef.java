package io.datasurface.render;

import static java.util.Objects.requireNonNull;

/** One key of a Kubernetes secret, exposed to a container as the environment variable {@code envVar}. */
public record SecretKeyRef(String secret, String key, String envVar) {
    public SecretKeyRef {
        requireNonNull(secret, "secret is null");
        requireNonNull(key, "key is null");
        requireNonNull(envVar, "envVar is null");
    }
}
