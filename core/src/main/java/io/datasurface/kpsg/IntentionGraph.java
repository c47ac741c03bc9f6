package io.datasurface.kpsg;

import static java.util.Objects.requireNonNull;

import io.datasurface.model.KubernetesPGStarter;
import java.util.List;
import java.util.Optional;

/**
 * What one KubernetesPGStarter platform must run: its batch-streams, the PostgreSQL schema (named
 * after the platform) that holds their tables, and the schemas its workspaces read them through.
 * It is everything the platform's jobs need, so that they never read the model itself.
 */
public record IntentionGraph(KubernetesPGStarter platform, String schema, List<BatchStream> streams, List<WorkspaceSchema> workspaces) {
    public IntentionGraph {
        requireNonNull(platform, "platform is null");
        requireNonNull(schema, "schema is null");
        streams = List.copyOf(requireNonNull(streams, "streams is null"));
        workspaces = List.copyOf(requireNonNull(workspaces, "workspaces is null"));
    }

    /** A graph without workspaces: for tests and benchmarks that put streams together by hand and hand workspaces to a job themselves. */
    public IntentionGraph(KubernetesPGStarter platform, String schema, List<BatchStream> streams) {
        this(platform, schema, streams, List.of());
    }

    /** Where removed tables are moved when the platform archives them. */
    public String archiveSchema() {
        return TableLayout.archiveSchema(schema);
    }

    public Optional<BatchStream> stream(String key) {
        return streams.stream().filter(s -> s.key().equals(key)).findFirst();
    }

    public List<IngestedDataset> datasets() {
        return streams.stream().flatMap(s -> s.datasets().stream()).toList();
    }
}
