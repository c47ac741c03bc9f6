package io.datasurface.yaml;

import static java.util.Objects.requireNonNull;

import io.datasurface.model.SourceLocation;

/** A file that is not readable YAML, with where the parser gave up. */
public class YamlSyntaxException extends Exception {
    private final SourceLocation location;

    public YamlSyntaxException(SourceLocation location, String message) {
        super(location + ": " + message);
        this.location = requireNonNull(location, "location is null");
    }

    public SourceLocation location() {
        return location;
    }
}
