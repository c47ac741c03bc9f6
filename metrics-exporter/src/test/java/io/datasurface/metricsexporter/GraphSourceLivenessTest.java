package io.datasurface.metricsexporter;

import static org.assertj.core.api.Assertions.assertThat;

import org.eclipse.microprofile.health.HealthCheckResponse;
import org.junit.jupiter.api.Test;

class GraphSourceLivenessTest {
    private final GraphSourceLiveness check = new GraphSourceLiveness();

    @Test
    void aGraphGivenOnceIsAlive() {
        check.service = new MetricsService();

        assertThat(check.call().getStatus()).isEqualTo(HealthCheckResponse.Status.UP);
    }

    @Test
    void aDeadGraphSourceIsDown() {
        check.service = new MetricsService();
        check.service.graphSource(() -> false);

        assertThat(check.call().getStatus()).isEqualTo(HealthCheckResponse.Status.DOWN);
    }
}
