package io.datasurface.render.service;

import static java.util.Objects.requireNonNull;

import io.datasurface.render.RequiredSecret;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Asks the Kubernetes API whether the secrets a platform needs exist with every key. It looks only at
 * the key names of a secret; values are neither kept nor printed.
 */
@ApplicationScoped
public class CredentialCheck {

    @Inject
    KubernetesClient client;

    /** A secret that is missing, or one of its keys. */
    public record Missing(String secret, Optional<String> key, String usedBy) {
        public Missing {
            requireNonNull(secret, "secret is null");
            requireNonNull(key, "key is null");
            requireNonNull(usedBy, "usedBy is null");
        }

        @Override
        public String toString() {
            return key.map(k -> "secret " + secret + " has no key '" + k + "'").orElse("secret " + secret + " does not exist")
                    + " (used by " + usedBy + ")";
        }
    }

    public List<Missing> missing(String namespace, List<RequiredSecret> required) {
        List<Missing> missing = new ArrayList<>();
        for (RequiredSecret r : required) {
            Secret secret = client.secrets().inNamespace(namespace).withName(r.name()).get();
            if (secret == null) {
                missing.add(new Missing(r.name(), Optional.empty(), r.usedBy()));
                continue;
            }
            for (String key : r.keys()) {
                if (!has(secret.getData(), key) && !has(secret.getStringData(), key)) {
                    missing.add(new Missing(r.name(), Optional.of(key), r.usedBy()));
                }
            }
        }
        return missing;
    }

    private static boolean has(Map<String, String> data, String key) {
        return data != null && data.containsKey(key);
    }
}
