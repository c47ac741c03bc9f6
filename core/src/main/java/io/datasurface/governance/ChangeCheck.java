package io.datasurface.governance;

import static java.util.Objects.requireNonNull;

import io.datasurface.model.Repository;
import java.util.List;

/**
 * The answer to a proposed change: the changes it makes (each with the repository that owns it)
 * and every violation; accepted when there is none.
 */
public record ChangeCheck(Repository source, List<OwnedChange> changes, List<Violation> violations) {
    public ChangeCheck {
        requireNonNull(source, "source is null");
        changes = List.copyOf(requireNonNull(changes, "changes is null"));
        violations = List.copyOf(requireNonNull(violations, "violations is null"));
    }

    public boolean accepted() {
        return violations.isEmpty();
    }
}
