package io.datasurface.notifier;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;

/** {@code /q/metrics}: the notifier's counters in Prometheus' text format. */
@Path("/q/metrics")
public class MetricsResource {
    @Inject
    NotifierService service;

    @GET
    @Produces("text/plain; version=0.0.4; charset=utf-8")
    public String metrics() {
        return service.metrics().exposition();
    }
}
