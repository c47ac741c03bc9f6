package io.datasurface.governance;

import io.datasurface.model.ObjectPath;
import io.datasurface.model.Repository;
import io.datasurface.yaml.ModelFiles;
import io.datasurface.yaml.ModelLayout;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Ownership at the level of bytes: a file of the layout (ecosystem.yaml, a zone.yaml, a team's
 * file) may be added, removed or edited only by the owner of the part it holds, whether or not the
 * edit changes the model. Without it a foreign repository could change a comment, or the $schema
 * line editors follow, in a file it does not own.
 */
final class FileOwnership {
    private FileOwnership() {
    }

    static List<Violation> foreignEdits(ModelFiles base, ModelFiles head, Owners owners, Repository source) {
        List<Violation> violations = new ArrayList<>();
        TreeSet<String> paths = new TreeSet<>(base.files().keySet());
        paths.addAll(head.files().keySet());
        for (String file : paths) {
            if (Objects.equals(base.files().get(file), head.files().get(file))) {
                continue;
            }
            Optional<ObjectPath> part = ModelLayout.partOf(file);
            if (part.isEmpty()) {
                continue;
            }
            Repository owner = owners.of(part.get());
            if (!Repositories.same(owner, source)) {
                violations.add(new Violation.ForeignFileEdit(file, part.get(), owner, source));
            }
        }
        return violations;
    }
}
