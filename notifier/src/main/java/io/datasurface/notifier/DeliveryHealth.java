package io.datasurface.notifier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;

/** Down once the delivery loop died of an error (Kubernetes then restarts the pod, which resumes from the committed offsets). */
@Liveness
@ApplicationScoped
public class DeliveryHealth implements HealthCheck {
    @Inject
    NotifierService service;

    @Override
    public HealthCheckResponse call() {
        boolean up = service.delivery().map(EventDelivery::healthy).orElse(true);
        return HealthCheckResponse.named("notifier delivery").status(up).build();
    }
}
