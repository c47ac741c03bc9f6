package io.datasurface.renderservice;

import io.datasurface.cli.ExitCodes;
import static java.util.Objects.requireNonNull;

import io.datasurface.model.KubernetesPGStarter;
import io.datasurface.render.PlatformSecrets;
import io.datasurface.render.RequiredSecret;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.PrintWriter;
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

    /** Checks every secret the platform needs, prints the missing ones and returns the exit code. */
    public int report(KubernetesPGStarter platform, PrintWriter out, PrintWriter err) {
        List<RequiredSecret> required = PlatformSecrets.required(platform);
        List<Missing> missing;
        try {
            missing = missing(platform.namespace(), required);
        } catch (KubernetesClientException e) {
            String reason = e.getStatus() != null && e.getStatus().getMessage() != null ? e.getStatus().getMessage() : e.getMessage();
            err.println("error: cannot read secrets in namespace " + platform.namespace() + " (HTTP " + e.getCode() + "): " + reason
                    + "; check the kubeconfig or the service account's right to get secrets");
            return ExitCodes.UNUSABLE;
        }
        for (Missing m : missing) {
            out.println("missing: " + m);
        }
        int keys = required.stream().mapToInt(r -> r.keys().size()).sum();
        out.println("namespace " + platform.namespace() + ": " + required.size() + " secret(s) with " + keys + " key(s) needed, "
                + missing.size() + " missing");
        if (!missing.isEmpty()) {
            out.println("create them as listed in bootstrap/SECRETS.md (render-service bootstrap writes it), then check again");
            return ExitCodes.REJECTED;
        }
        return ExitCodes.OK;
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
