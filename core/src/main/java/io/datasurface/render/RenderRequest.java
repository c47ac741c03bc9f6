package io.datasurface.render;

import static java.util.Objects.requireNonNull;

import io.datasurface.kpsg.IntentionGraph;
import io.datasurface.model.Repository;

/**
 * Everything a rendering depends on: the platform's intention graph, the repository the model is
 * read from (job pods clone it), and the settings the model does not carry.
 */
public record RenderRequest(IntentionGraph graph, Repository modelRepository, RenderSettings settings) {
    /** Where git-sync clones the model inside a job pod. */
    public static final String MODEL_ROOT = "/model";
    /** The symlink git-sync publishes the checked-out model under. */
    public static final String MODEL_LINK = "current";
    /** The folder handed to every command as {@code --model}. */
    public static final String MODEL_PATH = MODEL_ROOT + "/" + MODEL_LINK;

    public RenderRequest {
        requireNonNull(graph, "graph is null");
        requireNonNull(modelRepository, "modelRepository is null");
        requireNonNull(settings, "settings is null");
    }
}
