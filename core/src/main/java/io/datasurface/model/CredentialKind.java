package io.datasurface.model;

import java.util.Locale;

/** What a credential holds; where it lives is the credential store's concern. */
public enum CredentialKind {
    USER_PASSWORD("userPassword"),
    TOKEN("token"),
    CERTIFICATE("certificate");

    private final String yamlName;

    CredentialKind(String yamlName) {
        this.yamlName = yamlName;
    }

    public String yamlName() {
        return yamlName;
    }

    public static CredentialKind fromYaml(String value) {
        for (CredentialKind kind : values()) {
            if (kind.yamlName.equals(value)) {
                return kind;
            }
        }
        throw new IllegalArgumentException("unknown credential kind '" + value + "': use userPassword, token or certificate");
    }

    @Override
    public String toString() {
        return yamlName.toLowerCase(Locale.ENGLISH);
    }
}
