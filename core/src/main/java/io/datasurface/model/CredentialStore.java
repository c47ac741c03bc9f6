package io.datasurface.model;

import java.util.Locale;
import java.util.Set;

/**
 * Where a platform finds the secrets behind the model's credentials at run time. The model names
 * credentials; the store says which kinds it can serve and how a job reads them.
 */
public sealed interface CredentialStore {

    Set<CredentialKind> supportedKinds();

    default boolean supports(CredentialKind kind) {
        return supportedKinds().contains(kind);
    }

    /**
     * Kubernetes secrets created by the user, exposed to pods as environment variables: a
     * user/password credential {@code pg-main} becomes {@code PG_MAIN_USER} and
     * {@code PG_MAIN_PASSWORD}, a token {@code slack-webhook} becomes {@code SLACK_WEBHOOK_TOKEN}.
     */
    record KubernetesSecrets() implements CredentialStore {
        @Override
        public Set<CredentialKind> supportedKinds() {
            return Set.of(CredentialKind.USER_PASSWORD, CredentialKind.TOKEN);
        }

        /** The environment variable prefix of a credential: upper-cased, other characters than A-Z and 0-9 become '_'. */
        public static String environmentPrefix(String credentialName) {
            return credentialName.toUpperCase(Locale.ENGLISH).replaceAll("[^A-Z0-9]", "_");
        }
    }
}
