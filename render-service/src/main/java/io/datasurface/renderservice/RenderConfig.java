package io.datasurface.renderservice;

import io.datasurface.events.PlatformGraph;
import io.datasurface.render.RenderSettings;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * What the render-service may set that the model does not: the images of the renderer and the
 * metrics collector when they are not released beside the merge-worker image, and where {@code serve}
 * reads graphs from and writes files to. Every key and default is pinned by RenderConfigTest.
 */
@ConfigMapping(prefix = "datasurface.render")
public interface RenderConfig {
    /** The render-service image; by default the merge image with merge-worker replaced by render-service. */
    Optional<String> renderImage();

    /** The metrics-exporter image; by default derived from the merge image like the render image. */
    Optional<String> metricsImage();

    /** Where {@code serve} renders; in the cluster, the volume Airflow's DAG folder reads. */
    @WithDefault("/tmp/datasurface/render-service/out")
    Path outDir();

    /** The compacted topic of validated graphs that {@code serve} consumes. */
    @WithDefault(PlatformGraph.TOPIC)
    String graphTopic();

    /** The topic {@code serve} publishes ArtifactsRendered and CredentialsMissing to. */
    @WithDefault("datasurface.events")
    String eventsTopic();

    /** The consumer group of {@code serve}; its committed offset says which graph is in place. */
    @WithDefault("datasurface-render-service")
    String groupId();

    /** Whether {@code serve} asks the Kubernetes API for the platform's secrets after each rendering. */
    @WithDefault("true")
    boolean checkCredentials();

    /** How long a Kafka send or a reachability probe may take. */
    @WithDefault("10s")
    Duration kafkaTimeout();

    default RenderSettings settings() {
        RenderSettings d = RenderSettings.DEFAULT;
        return new RenderSettings(renderImage().orElse(d.renderImage()), metricsImage().orElse(d.metricsImage()), d.gitSyncImage(),
                d.postgresImage(), d.airflowImage(), d.kafkaConnectImage(), d.retries(), d.retryDelay(), d.startupTimeout(),
                d.jobResources(), d.gitUsername());
    }
}
