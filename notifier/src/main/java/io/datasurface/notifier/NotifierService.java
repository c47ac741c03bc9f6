package io.datasurface.notifier;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.Optional;

/** Holds the running {@link EventDelivery} of serve, its metrics, and stops it with the application. */
@ApplicationScoped
public class NotifierService {
    private final NotifierMetrics metrics = new NotifierMetrics();
    private EventDelivery delivery;

    public synchronized void start(NotifierSettings settings) {
        if (delivery != null) {
            throw new IllegalStateException("already serving");
        }
        delivery = new EventDelivery(settings, metrics, Clock.systemUTC());
        delivery.start();
    }

    public NotifierMetrics metrics() {
        return metrics;
    }

    /** Empty before serve started the loop. */
    public synchronized Optional<EventDelivery> delivery() {
        return Optional.ofNullable(delivery);
    }

    @PreDestroy
    synchronized void stop() throws InterruptedException {
        if (delivery != null) {
            delivery.stop();
        }
    }
}
