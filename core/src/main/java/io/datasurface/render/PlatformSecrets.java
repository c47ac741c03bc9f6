package io.datasurface.render;

import io.datasurface.model.Credential;
import io.datasurface.model.CredentialKind;
import io.datasurface.model.CredentialStore;
import io.datasurface.model.KubernetesPGStarter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How the Kubernetes credential store lays out secrets. The secret is named after the credential;
 * a user/password credential has the keys {@code user} and {@code password}, a token the key
 * {@code token}. Containers see them as {@code <PREFIX>_USER}, {@code <PREFIX>_PASSWORD} and
 * {@code <PREFIX>_TOKEN}, the names the merge-worker reads.
 */
public final class PlatformSecrets {
    public static final String USER_KEY = "user";
    public static final String PASSWORD_KEY = "password";
    public static final String TOKEN_KEY = "token";

    /**
     * The user under which Kafka Connect's REST API and Airflow's API accept their credential's token as the password:
     * neither has a bearer-token scheme built in, both have HTTP basic authentication.
     */
    public static final String API_USER = "datasurface";

    /** Airflow's web server signs its session cookies with this; not a model credential, the bootstrap needs it. */
    public static final String AIRFLOW_WEBSERVER_SECRET = "airflow-webserver";
    public static final String AIRFLOW_WEBSERVER_KEY = "secret-key";

    private PlatformSecrets() {
    }

    /** The secret keys of a credential, each with the environment variable a job reads it from. */
    public static List<SecretKeyRef> env(Credential credential) {
        String prefix = CredentialStore.KubernetesSecrets.environmentPrefix(credential.name());
        if (credential.kind() == CredentialKind.USER_PASSWORD) {
            return List.of(new SecretKeyRef(credential.name(), USER_KEY, prefix + "_USER"),
                    new SecretKeyRef(credential.name(), PASSWORD_KEY, prefix + "_PASSWORD"));
        }
        if (credential.kind() == CredentialKind.TOKEN) {
            return List.of(new SecretKeyRef(credential.name(), TOKEN_KEY, prefix + "_TOKEN"));
        }
        throw new IllegalArgumentException("credential '" + credential.name() + "' is a " + credential.kind()
                + " credential; Kubernetes secrets hold only userPassword and token credentials (lint reports this)");
    }

    /** Every secret the rendered files and the platform's services read, in a fixed order, each once. */
    public static List<RequiredSecret> required(KubernetesPGStarter platform) {
        Map<String, List<String>> usedBy = new LinkedHashMap<>();
        Map<String, Credential> byName = new LinkedHashMap<>();
        add(byName, usedBy, platform.postgres().credential(),
                "Postgres (its superuser), merge jobs, system jobs, Airflow's metadata database, Kafka Connect sinks");
        add(byName, usedBy, platform.gitCredential(), "git-sync in the render job pod and the metrics-exporter Deployment (reads the model repository)");
        add(byName, usedBy, platform.kafkaConnect().credential(), "Kafka Connect's REST API (basic authentication as user " + API_USER
                + "; the Terraform provider and whoever applies connectors)");
        add(byName, usedBy, platform.airflow().credential(), "Airflow's REST API and web UI (basic authentication as user " + API_USER + ")");
        add(byName, usedBy, platform.slack().credential(), "notifier (posts events to Slack)");
        List<RequiredSecret> secrets = new ArrayList<>();
        for (Map.Entry<String, Credential> entry : byName.entrySet()) {
            Credential c = entry.getValue();
            secrets.add(new RequiredSecret(c.name(), c.kind().yamlName(), env(c).stream().map(SecretKeyRef::key).toList(),
                    String.join("; ", usedBy.get(entry.getKey()))));
        }
        secrets.add(new RequiredSecret(AIRFLOW_WEBSERVER_SECRET, "bootstrap", List.of(AIRFLOW_WEBSERVER_KEY),
                "Airflow web server (signs session cookies; any long random string)"));
        return secrets;
    }

    private static void add(Map<String, Credential> byName, Map<String, List<String>> usedBy, Credential credential, String use) {
        byName.putIfAbsent(credential.name(), credential);
        usedBy.computeIfAbsent(credential.name(), n -> new ArrayList<>()).add(use);
    }
}
