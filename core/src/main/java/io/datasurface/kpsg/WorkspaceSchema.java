package io.datasurface.kpsg;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;

/**
 * A workspace's read surface on the platform: its own PostgreSQL schema, the NOLOGIN role that may
 * read it (the platform team grants it to people), and a view per dataset of its groups. A
 * consumer sees the model's columns only, never staging, hashes or batch ids.
 */
public record WorkspaceSchema(String workspace, String schema, String role, List<View> views) {
    public WorkspaceSchema {
        requireNonNull(workspace, "workspace is null");
        requireNonNull(schema, "schema is null");
        requireNonNull(role, "role is null");
        views = List.copyOf(requireNonNull(views, "views is null"));
    }

    /**
     * The views of one dataset: the live rows, and for a milestoned group every version with
     * {@code dp_in}/{@code dp_out}, the rows as of a time and the versions that changed between two.
     */
    public record View(IngestedDataset dataset, String live, Optional<History> history) {
        public View {
            requireNonNull(dataset, "dataset is null");
            requireNonNull(live, "live is null");
            requireNonNull(history, "history is null");
        }
    }

    public record History(String view, String asOfFunction, String changesFunction) {
        public History {
            requireNonNull(view, "view is null");
            requireNonNull(asOfFunction, "asOfFunction is null");
            requireNonNull(changesFunction, "changesFunction is null");
        }
    }
}
