package io.datasurface.kpsg;

import static java.util.Objects.requireNonNull;

import io.datasurface.model.KubernetesPGStarter;
import java.util.List;
import java.util.Optional;

/**
 * What one KubernetesPGStarter platform must run: its batch-streams, and the PostgreSQL schema
 * (named after the platform) that holds their tables.
 */
public record IntentionGraph(KubernetesPGStarter platform, String schema, List<BatchStream> streams) {
    public IntentionGraph {
        requireNonNull(platform, "platform is null");
        requireNonNull(schema, "schema is null");
        streams = List.copyOf(requireNonNull(streams, "streams is null"));
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
