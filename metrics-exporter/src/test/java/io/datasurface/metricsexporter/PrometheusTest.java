package io.datasurface.metricsexporter;

import static io.datasurface.metricsexporter.PlatformTablesFixture.CUSTOMERS;
import static io.datasurface.metricsexporter.PlatformTablesFixture.PRODUCTS;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * The proof: Debian's Prometheus scrapes the exporter's /q/metrics and the Pushgateway that
 * collect pushed to, and its query API answers the series and values of known merges, from both.
 */
@QuarkusTest
@QuarkusTestResource(value = PrometheusServers.class, restrictToAnnotatedClass = true)
class PrometheusTest {
    private static final Instant FIRST = Instant.parse("2026-11-29T10:00:00Z");
    private static final Instant SECOND = Instant.parse("2026-11-29T10:05:00Z");
    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final PlatformTablesFixture platform = new PlatformTablesFixture();
    private final HttpClient http = HttpClient.newHttpClient();

    @Inject
    MetricsService service;

    @Inject
    PlatformDatabase database;

    @Inject
    CommandLine.IFactory factory;

    @AfterEach
    void clear() {
        List.of(Environment.JDBC_URL, "PG_MAIN_USER", "PG_MAIN_PASSWORD").forEach(TestEnvironment::clear);
    }

    @Test
    void prometheusQueriesTheScrapedAndThePushedSeriesOfKnownMerges() throws Exception {
        TestEnvironment.set(Environment.JDBC_URL, platform.db.jdbcUrl());
        TestEnvironment.set("PG_MAIN_USER", platform.db.user());
        TestEnvironment.set("PG_MAIN_PASSWORD", platform.db.password());
        platform.createSchema().createTables();
        platform.merged(CUSTOMERS, 10, 6, 3, 1, 0, 200, FIRST);
        platform.merged(CUSTOMERS, 5, 1, 1, 1, 2, 300, SECOND);
        platform.failed(CUSTOMERS, "row ds_seq 7: null value in column name", SECOND.plusSeconds(300));
        platform.failed(PRODUCTS, "hint", SECOND);
        platform.failed(PRODUCTS, "hint", SECOND.plusSeconds(300));
        platform.staged(CUSTOMERS, 42);

        // What serve does, with the tables read every second.
        service.start(new MetricsReader(platform.graph, database.connector(platform.graph.platform())), Duration.ofSeconds(1));
        // What the system DAG's task runs.
        int exit = new CommandLine(MetricsExporterCommand.class, factory)
                .execute("collect", "--model", PlatformTablesFixture.MODEL.toString(), "--platform", PlatformTablesFixture.PLATFORM);
        assertThat(exit).isZero();

        Map<String, Double> both = Map.of("exporter", 7.0, "pushgateway", 7.0);
        assertThat(awaitByJob("datasurface_merge_rows_total{stream=\"shop_db.customers\",op=\"inserted\"}", both)).isEqualTo(both);
        assertThat(byJob("datasurface_merge_rows_total{stream=\"shop_db.customers\",op=\"unchanged\"}")).isEqualTo(both(2));
        assertThat(byJob("datasurface_merge_staging_rows_total{stream=\"shop_db.customers\"}")).isEqualTo(both(15));
        assertThat(byJob("datasurface_merge_batches_total{stream=\"shop_db.customers\",status=\"succeeded\"}")).isEqualTo(both(2));
        assertThat(byJob("datasurface_merge_batches_total{stream=\"shop_db.products\",status=\"failed\"}")).isEqualTo(both(2));
        assertThat(byJob("datasurface_merge_consecutive_failures{stream=\"shop_db.customers\"}")).isEqualTo(both(1));
        assertThat(byJob("datasurface_merge_consecutive_failures{stream=\"shop_db.products\"}")).isEqualTo(both(2));
        assertThat(byJob("datasurface_merge_duration_seconds_count{stream=\"shop_db.customers\"}")).isEqualTo(both(2));
        assertThat(byJob("datasurface_merge_duration_seconds_sum{stream=\"shop_db.customers\"}")).isEqualTo(both(0.5));
        assertThat(byJob("datasurface_merge_duration_seconds_bucket{stream=\"shop_db.customers\",le=\"0.25\"}")).isEqualTo(both(1));
        assertThat(byJob("datasurface_merge_last_success_timestamp_seconds{stream=\"shop_db.customers\"}"))
                .isEqualTo(both(SECOND.getEpochSecond()));
        assertThat(byJob("datasurface_merge_last_success_timestamp_seconds{stream=\"shop_db.products\"}")).isEmpty();
        assertThat(byJob("datasurface_staging_backlog_rows{stream=\"shop_db.customers\"}")).isEqualTo(both(42));
        assertThat(byJob("datasurface_merge_interval_seconds{stream=\"shop_db.products\"}")).isEqualTo(both(300));
        assertThat(byJob("count by (job) ({platform=\"Prod\",stream!=\"\",__name__=~\"datasurface_.*\"})"))
                .as("series per job: 2 streams x (4 rows + 1 staging + 1 released + 3 batches + 16 histogram + 1 failures + 1 backlog"
                        + " + 1 interval) + 1 success + 1 held")
                .isEqualTo(both(2 * 28 + 2));

        // One more merge: the next reading serves it, the next collect pushes it.
        platform.merged(CUSTOMERS, 1, 1, 0, 0, 0, 100, SECOND.plusSeconds(600));
        Map<String, Double> scraped = Map.of("exporter", 8.0, "pushgateway", 7.0);
        assertThat(awaitByJob("datasurface_merge_rows_total{stream=\"shop_db.customers\",op=\"inserted\"}", scraped)).isEqualTo(scraped);
        assertThat(new CommandLine(MetricsExporterCommand.class, factory)
                .execute("collect", "--model", PlatformTablesFixture.MODEL.toString(), "--platform", PlatformTablesFixture.PLATFORM)).isZero();
        Map<String, Double> pushed = Map.of("exporter", 8.0, "pushgateway", 8.0);
        assertThat(awaitByJob("datasurface_merge_rows_total{stream=\"shop_db.customers\",op=\"inserted\"}", pushed)).isEqualTo(pushed);
        assertThat(byJob("datasurface_merge_consecutive_failures{stream=\"shop_db.customers\"}")).isEqualTo(both(0));
    }

    private static Map<String, Double> both(double value) {
        return Map.of("exporter", value, "pushgateway", value);
    }

    /** The query's value per scrape job; the pushed series keep their own job label, so the scrape job is told apart by instance. */
    private Map<String, Double> byJob(String promql) throws Exception {
        String url = System.getProperty(PrometheusServers.QUERY_URL) + "?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8);
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        Map<String, Double> values = new TreeMap<>();
        for (JsonNode r : JSON.readTree(response.body()).path("data").path("result")) {
            String job = r.path("metric").path("job").asText();
            values.put(job.equals("exporter") ? "exporter" : "pushgateway", r.path("value").get(1).asDouble());
        }
        return values;
    }

    private Map<String, Double> awaitByJob(String promql, Map<String, Double> expected) throws Exception {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        Map<String, Double> values = byJob(promql);
        while (!values.equals(expected) && System.nanoTime() < deadline) {
            Thread.sleep(250);
            values = byJob(promql);
        }
        return values;
    }
}
