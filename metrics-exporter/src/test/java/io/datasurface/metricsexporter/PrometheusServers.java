package io.datasurface.metricsexporter;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real Prometheus and Pushgateway (Debian's binaries) on 127.0.0.1 ports of their own, started
 * before the application: Prometheus scrapes the application's {@code /q/metrics} every second
 * (job {@code exporter}) and the Pushgateway (job {@code pushgateway}, labels of the pushed group
 * kept). The application listens on the port chosen here and pushes to this Pushgateway. The
 * test reads the query API's URL from the system property {@value #QUERY_URL}.
 */
public class PrometheusServers implements QuarkusTestResourceLifecycleManager {
    static final String QUERY_URL = "test.prometheus.url";

    private final List<Process> processes = new ArrayList<>();
    private Path dir;

    @Override
    public Map<String, String> start() {
        try {
            dir = Files.createTempDirectory("prometheus-test");
            int app = freePort();
            int pushgateway = freePort();
            int prometheus = freePort();
            Files.writeString(dir.resolve("prometheus.yml"), """
                    global:
                      scrape_interval: 1s
                      evaluation_interval: 1s
                    scrape_configs:
                      - job_name: exporter
                        metrics_path: /q/metrics
                        static_configs: [{targets: ["127.0.0.1:%d"]}]
                      - job_name: pushgateway
                        honor_labels: true
                        static_configs: [{targets: ["127.0.0.1:%d"]}]
                    """.formatted(app, pushgateway));
            start("pushgateway", List.of(PrometheusBinaries.pushgateway().toString(), "--web.listen-address=127.0.0.1:" + pushgateway));
            start("prometheus", List.of(PrometheusBinaries.prometheus().toString(), "--config.file=" + dir.resolve("prometheus.yml"),
                    "--storage.tsdb.path=" + dir.resolve("data"), "--web.listen-address=127.0.0.1:" + prometheus));
            awaitReady("pushgateway", URI.create("http://127.0.0.1:" + pushgateway + "/-/ready"));
            awaitReady("prometheus", URI.create("http://127.0.0.1:" + prometheus + "/-/ready"));
            System.setProperty(QUERY_URL, "http://127.0.0.1:" + prometheus + "/api/v1/query");
            return Map.of("quarkus.http.test-port", Integer.toString(app),
                    "datasurface.metrics-exporter.pushgateway", "http://127.0.0.1:" + pushgateway);
        } catch (IOException e) {
            stop();
            throw new UncheckedIOException(e);
        }
    }

    private void start(String name, List<String> command) throws IOException {
        processes.add(new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(dir.resolve(name + ".log").toFile()).start());
    }

    private void awaitReady(String name, URI ready) throws IOException {
        HttpClient client = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            try {
                if (client.send(HttpRequest.newBuilder(ready).build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            sleep(100);
        }
        throw new IllegalStateException(name + " not ready within 30 s; its log:\n" + Files.readString(dir.resolve(name + ".log")));
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @Override
    public void stop() {
        for (Process p : processes) {
            p.destroy();
            try {
                if (!p.waitFor(10, TimeUnit.SECONDS)) {
                    p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        processes.clear();
        System.clearProperty(QUERY_URL);
        if (dir != null) {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
