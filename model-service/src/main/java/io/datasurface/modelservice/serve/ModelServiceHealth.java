package io.datasurface.modelservice.serve;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready when the live branch could be fetched the last time and Kafka answers. */
@Readiness
@ApplicationScoped
public class ModelServiceHealth implements HealthCheck {

    @Inject
    ModelWatcher watcher;

    @Override
    public HealthCheckResponse call() {
        ModelWatcher.Status status = watcher.status();
        boolean kafka = watcher.kafkaReachable();
        return HealthCheckResponse.named("model-service")
                .status(status.serving() && status.repositoryProblem().isEmpty() && kafka)
                .withData("repository", status.repositoryProblem().orElse("reachable"))
                .withData("kafka", kafka ? "reachable" : "not reachable")
                .build();
    }
}
