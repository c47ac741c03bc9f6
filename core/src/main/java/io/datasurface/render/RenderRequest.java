package io.datasurface.render;

import static java.util.Objects.requireNonNull;

import io.datasurface.kpsg.IntentionGraph;
import io.datasurface.model.Repository;

/**
 * Everything a rendering depends on: the platform's intention graph, the commit of the model it was
 * built from (the DAGs hand it to the jobs, which check their graph file against it), the repository
 * the model is read from (the renderer's pod clones it), and the settings the model does not carry.
 */
public record RenderRequest(IntentionGraph graph, String commit, Repository modelRepository, RenderSettings settings) {
    /** Where git-sync clones the model inside the render job pod (the other jobs read the graph file instead). */
    public static final String MODEL_ROOT = "/model";
    /** The symlink git-sync publishes the checked-out model under. */
    public static final String MODEL_LINK = "current";
    /** The folder handed to every command as {@code --model}. */
    public static final String MODEL_PATH = MODEL_ROOT + "/" + MODEL_LINK;

    public RenderRequest {
        requireNonNull(graph, "graph is null");
        requireNonNull(commit, "commit is null");
        if (commit.isBlank()) {
            throw new IllegalArgumentException("commit is blank: render from a commit of the model (git rev-parse HEAD)");
        }
        requireNonNull(modelRepository, "modelRepository is null");
        requireNonNull(settings, "settings is null");
    }
}
