package io.datasurface.model;

import static java.util.Objects.requireNonNull;

/** Free text that explains a part of the model to its readers. */
public record Documentation(String text) {
    public static final Documentation NONE = new Documentation("");

    public Documentation {
        requireNonNull(text, "text is null");
    }
}
