package io.datasurface.events;

import static java.util.Objects.requireNonNull;

import io.datasurface.kpsg.IntentionGraph;
import io.datasurface.model.Repository;

/**
 * The record on the compacted topic {@code datasurface.graph}, keyed by platform name: a platform's validated intention
 * graph, the commit of the live branch it was built from, the hash of the model's files at that commit, and the model
 * repository the platform's jobs clone. It is what render-service renders from, so it carries everything a rendering
 * needs besides the service's own settings.
 */
public record PlatformGraph(String platform, String commit, String modelHash, Repository modelRepository, IntentionGraph graph) {
    public static final String TYPE = "io.datasurface.graph.platform";
    /** The topic's default name: model-service publishes to it, render-service and metrics-exporter serve read it. */
    public static final String TOPIC = "datasurface.graph";
    /**
     * The largest record the producer, the topic and every reader allow: a platform's graph of tens of thousands of datasets
     * is tens of megabytes of JSON before compression.
     */
    public static final int MAX_RECORD_BYTES = 64 * 1024 * 1024;

    public PlatformGraph {
        requireNonNull(platform, "platform is null");
        requireNonNull(commit, "commit is null");
        requireNonNull(modelHash, "modelHash is null");
        requireNonNull(modelRepository, "modelRepository is null");
        requireNonNull(graph, "graph is null");
        if (!graph.platform().name().equals(platform)) {
            throw new IllegalArgumentException("the graph is of platform " + graph.platform().name() + ", not " + platform);
        }
    }

    /** Per platform and commit, like the GraphPublished event that announces it. */
    public String id() {
        return EventIds.of(TYPE, platform, commit);
    }
}
