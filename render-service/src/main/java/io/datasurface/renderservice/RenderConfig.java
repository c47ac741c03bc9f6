package io.datasurface.renderservice;

import io.datasurface.render.RenderSettings;
import io.smallrye.config.ConfigMapping;
import java.util.Optional;

/**
 * What the render-service may set that the model does not: the images of the renderer and the
 * metrics collector when they are not released beside the merge-worker image.
 */
@ConfigMapping(prefix = "datasurface.render")
public interface RenderConfig {
    /** The render-service image; by default the merge image with merge-worker replaced by render-service. */
    Optional<String> renderImage();

    /** The metrics-exporter image; by default derived from the merge image like the render image. */
    Optional<String> metricsImage();

    default RenderSettings settings() {
        RenderSettings d = RenderSettings.DEFAULT;
        return new RenderSettings(renderImage().orElse(d.renderImage()), metricsImage().orElse(d.metricsImage()), d.gitSyncImage(),
                d.postgresImage(), d.airflowImage(), d.kafkaConnectImage(), d.retries(), d.retryDelay(), d.startupTimeout(),
                d.jobResources(), d.gitUsername());
    }
}
