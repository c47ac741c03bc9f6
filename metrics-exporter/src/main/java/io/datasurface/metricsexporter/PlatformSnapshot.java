package io.datasurface.metricsexporter;

import static java.util.Objects.requireNonNull;

import java.util.List;

/** One reading of a platform's tables: every stream's metrics, ordered by stream. */
public record PlatformSnapshot(String platform, List<StreamMetrics> streams) {
    public PlatformSnapshot {
        requireNonNull(platform, "platform is null");
        streams = List.copyOf(requireNonNull(streams, "streams is null"));
    }
}
