package io.datasurface.metricsexporter;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;

/**
 * Down once serve's graph source died of an error it does not retry, so that Kubernetes restarts the pod instead of
 * it serving one commit's streams for ever.
 */
@Liveness
@ApplicationScoped
public class GraphSourceLiveness implements HealthCheck {
    @Inject
    MetricsService service;

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("graph source").status(service.graphSourceAlive()).build();
    }
}
