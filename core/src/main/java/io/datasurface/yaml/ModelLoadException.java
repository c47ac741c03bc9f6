package io.datasurface.yaml;

/** The model cannot be read at all: no such folder, no ecosystem.yaml, or YAML that does not parse. */
public class ModelLoadException extends Exception {
    public ModelLoadException(String message) {
        super(message);
    }
}
