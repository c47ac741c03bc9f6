package io.datasurface.metricsexporter;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;

/** {@code /q/metrics}: the last reading of the platform tables, for Prometheus to scrape. */
@Path("/q/metrics")
public class MetricsResource {
    @Inject
    MetricsService service;

    @GET
    public Response metrics() {
        return service.latest().map(text -> Response.ok(text, Exposition.CONTENT_TYPE).build())
                .orElseGet(() -> Response.status(Response.Status.SERVICE_UNAVAILABLE).type("text/plain")
                        .entity("no reading of the platform tables yet (metrics-exporter serve reads them; see its log)\n").build());
    }
}
