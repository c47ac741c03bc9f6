package io.datasurface.metricsexporter;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

/**
 * Pushes exposition text to a Prometheus Pushgateway. PUT replaces the whole group, so a stream
 * that left the model does not linger there. The group is {@code job} and {@code platform}; label
 * values travel base64url-encoded so that any platform name is a valid URL path segment.
 */
public final class Pushgateway {
    private final URI base;
    private final Duration timeout;
    private final HttpClient client;

    public Pushgateway(URI base, Duration timeout) {
        this.base = requireNonNull(base, "base is null");
        this.timeout = requireNonNull(timeout, "timeout is null");
        this.client = HttpClient.newBuilder().connectTimeout(timeout).build();
    }

    /** The group's URL: {@code <base>/metrics/job@base64/<job>/platform@base64/<platform>}. */
    public URI groupUri(String job, String platform) {
        String root = base.toString().replaceAll("/+$", "");
        return URI.create(root + "/metrics/job@base64/" + encode(job) + "/platform@base64/" + encode(platform));
    }

    /** @throws IOException when the Pushgateway is unreachable or does not accept the push (its answer in the message) */
    public void push(String job, String platform, String exposition) throws IOException, InterruptedException {
        URI uri = groupUri(job, platform);
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(timeout).header("Content-Type", Exposition.CONTENT_TYPE)
                .PUT(HttpRequest.BodyPublishers.ofString(exposition, StandardCharsets.UTF_8)).build();
        HttpResponse<String> response;
        try {
            response = client.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            // The JDK's connection errors often carry no message of their own, only their cause's.
            Throwable reason = e.getMessage() == null && e.getCause() != null ? e.getCause() : e;
            throw new IOException("Pushgateway " + uri + " unreachable: " + reason, e);
        }
        if (response.statusCode() / 100 != 2) {
            throw new IOException("Pushgateway " + uri + " answered " + response.statusCode() + ": " + response.body().strip());
        }
    }

    private static String encode(String value) {
        return Base64.getUrlEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8));
    }
}
