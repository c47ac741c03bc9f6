package io.datasurface.yaml;

import io.datasurface.diagnostics.Problem;
import java.util.List;
import java.util.stream.Collectors;

/** The model has errors, so nothing may act on it; the message lists every error. */
public class InvalidModelException extends Exception {
    private final List<Problem> errors;

    public InvalidModelException(List<Problem> errors) {
        super("the model has " + errors.size() + " error(s); fix them first (model-service lint shows the same):\n"
                + errors.stream().map(p -> "  " + p).collect(Collectors.joining("\n")));
        this.errors = List.copyOf(errors);
    }

    public List<Problem> errors() {
        return errors;
    }
}
