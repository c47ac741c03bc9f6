package io.datasurface.metricsexporter;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** Settings of the metrics exporter that are not part of the model. */
@ConfigMapping(prefix = "datasurface.metrics-exporter")
public interface ExporterConfig {
    /** How often serve reads the tables; a scrape in between gets the last reading. */
    @WithDefault("30s")
    Duration interval();

    /**
     * The Pushgateway collect pushes to, e.g. {@code http://pushgateway.monitoring.svc:9091}
     * (environment: {@code DATASURFACE_METRICS_EXPORTER_PUSHGATEWAY}).
     */
    Optional<String> pushgateway();

    /** The Pushgateway's {@code job} label of the pushed group. */
    @WithDefault("datasurface")
    String job();

    /** How long one push may take. */
    @WithDefault("10s")
    Duration pushTimeout();
}
