package io.datasurface.kpsg.graphfile;

import static java.util.Objects.requireNonNull;

import io.datasurface.kpsg.IntentionGraph;

/** A platform's intention graph and the commit of the model it was built from. */
public record GraphFile(String commit, IntentionGraph graph) {
    public GraphFile {
        requireNonNull(commit, "commit is null");
        requireNonNull(graph, "graph is null");
        if (commit.isBlank() || !commit.strip().equals(commit) || commit.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException("commit '" + commit + "' is not a commit id: give the model's commit (git rev-parse HEAD)");
        }
    }

    public String platform() {
        return graph.platform().name();
    }
}
