package io.datasurface.yaml;

import java.util.Optional;

/** The kinds of model file, by the name a file's {@code kind} gives them (the schema's enumeration). */
enum ModelKind {
    ECOSYSTEM("Ecosystem"),
    ZONE("GovernanceZone"),
    TEAM("Team");

    private final String yamlName;

    ModelKind(String yamlName) {
        this.yamlName = yamlName;
    }

    String yamlName() {
        return yamlName;
    }

    static Optional<ModelKind> fromYaml(String text) {
        for (ModelKind kind : values()) {
            if (kind.yamlName.equals(text)) {
                return Optional.of(kind);
            }
        }
        return Optional.empty();
    }
}
