package io.datasurface.renderservice.serve;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready when the render loop runs without a problem and Kafka answers. */
@Readiness
@ApplicationScoped
public class RenderServiceHealth implements HealthCheck {

    @Inject
    RenderWorker worker;

    @Override
    public HealthCheckResponse call() {
        Optional<String> problem = worker.problem();
        boolean kafka = worker.kafkaReachable();
        return HealthCheckResponse.named("render-service")
                .status(problem.isEmpty() && kafka)
                .withData("rendering", problem.orElse("ok"))
                .withData("kafka", kafka ? "reachable" : "not reachable")
                .build();
    }
}
