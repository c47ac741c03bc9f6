package io.datasurface.model;

/** Whether a store's datasets change together in one transaction or each on its own. */
public enum TransactionScope {
    /** Every dataset is its own batch-stream. */
    SINGLE_DATASET("singleDataset"),
    /** All datasets of the store merge together in one transaction. */
    MULTI_DATASET("multiDataset");

    private final String yamlName;

    TransactionScope(String yamlName) {
        this.yamlName = yamlName;
    }

    public String yamlName() {
        return yamlName;
    }

    public static TransactionScope fromYaml(String value) {
        for (TransactionScope scope : values()) {
            if (scope.yamlName.equals(value)) {
                return scope;
            }
        }
        throw new IllegalArgumentException("unknown transactions '" + value + "': use singleDataset or multiDataset");
    }
}
