package io.datasurface.render;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * What the model does not say but the rendered files need: the images of the platform's other
 * components, retry policy and pod sizes. The defaults are pinned so that the same model always
 * renders the same bytes; the render-service may override them from its configuration.
 *
 * @param renderImage the render-service image; empty means the merge image, which holds every DataSurface service
 *        (src/main/docker/ builds one image for all of them, so a merge image of any name works)
 * @param metricsImage the metrics-exporter image; empty means the merge image, like {@code renderImage}
 */
public record RenderSettings(String renderImage, String metricsImage, String gitSyncImage, String postgresImage,
        String airflowImage, String kafkaConnectImage, int retries, Duration retryDelay, Duration startupTimeout,
        PodResources jobResources, String gitUsername) {

    public static final RenderSettings DEFAULT = new RenderSettings("", "",
            "registry.k8s.io/git-sync/git-sync:v4.4.0",
            "postgres:15.10",
            "apache/airflow:2.10.5",
            "quay.io/debezium/connect:3.6.0.Final",
            2, Duration.ofMinutes(1), Duration.ofSeconds(240),
            new PodResources("250m", "512Mi", "1", "1Gi"),
            "datasurface");

    public RenderSettings {
        requireNonNull(renderImage, "renderImage is null");
        requireNonNull(metricsImage, "metricsImage is null");
        requireNonNull(gitSyncImage, "gitSyncImage is null");
        requireNonNull(postgresImage, "postgresImage is null");
        requireNonNull(airflowImage, "airflowImage is null");
        requireNonNull(kafkaConnectImage, "kafkaConnectImage is null");
        requireNonNull(retryDelay, "retryDelay is null");
        requireNonNull(startupTimeout, "startupTimeout is null");
        requireNonNull(jobResources, "jobResources is null");
        requireNonNull(gitUsername, "gitUsername is null");
        if (retries < 0) {
            throw new IllegalArgumentException("retries must not be negative");
        }
    }

    /** CPU and memory requests and limits of one container, in Kubernetes quantity syntax. */
    public record PodResources(String cpuRequest, String memoryRequest, String cpuLimit, String memoryLimit) {
        public PodResources {
            requireNonNull(cpuRequest, "cpuRequest is null");
            requireNonNull(memoryRequest, "memoryRequest is null");
            requireNonNull(cpuLimit, "cpuLimit is null");
            requireNonNull(memoryLimit, "memoryLimit is null");
        }
    }

    public String renderImage(String mergeImage) {
        return renderImage.isEmpty() ? mergeImage : renderImage;
    }

    public String metricsImage(String mergeImage) {
        return metricsImage.isEmpty() ? mergeImage : metricsImage;
    }
}
