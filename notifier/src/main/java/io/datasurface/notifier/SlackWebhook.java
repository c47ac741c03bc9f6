package io.datasurface.notifier;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;

/**
 * A Slack incoming webhook. Its URL is the secret: it appears in no log line, exception message
 * or {@link #toString()}; what goes wrong is described by status, Slack's short error code and
 * the kind of connection error only.
 */
public final class SlackWebhook {
    private static final int BODY_LIMIT = 200;

    private final URI url;
    private final String name;
    private final HttpClient client;
    private final Duration timeout;

    /** What Slack made of one post. */
    public sealed interface Outcome permits Accepted, RateLimited, ServerError, Unreachable, Rejected {
    }

    public record Accepted() implements Outcome {
    }

    /** 429: wait as long as {@code Retry-After} says (when it says). */
    public record RateLimited(Optional<Duration> retryAfter) implements Outcome {
    }

    public record ServerError(int status) implements Outcome {
    }

    /** No answer: refused, reset, timed out. */
    public record Unreachable(String reason) implements Outcome {
    }

    /** A 4xx other than 429: this message will never be accepted. {@code error} is Slack's answer, e.g. {@code invalid_blocks}. */
    public record Rejected(int status, String error) implements Outcome {
    }

    /** @param name how logs name the webhook, e.g. the credential's name */
    public SlackWebhook(URI url, String name, Duration timeout) {
        this.url = requireNonNull(url, "url is null");
        this.name = requireNonNull(name, "name is null");
        this.timeout = requireNonNull(timeout, "timeout is null");
        this.client = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    public Outcome post(String json) throws InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(url).timeout(timeout).header("Content-Type", "application/json; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8)).build();
        HttpResponse<String> response;
        try {
            response = client.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            return new Unreachable(redact(describe(e)));
        }
        int status = response.statusCode();
        if (status / 100 == 2) {
            return new Accepted();
        }
        if (status == 429) {
            return new RateLimited(response.headers().firstValue("Retry-After").flatMap(SlackWebhook::seconds));
        }
        if (status >= 500) {
            return new ServerError(status);
        }
        String body = response.body().strip();
        return new Rejected(status, redact(body.length() > BODY_LIMIT ? body.substring(0, BODY_LIMIT) + "…" : body));
    }

    private static Optional<Duration> seconds(String value) {
        try {
            long s = Long.parseLong(value.strip());
            return s >= 0 ? Optional.of(Duration.ofSeconds(s)) : Optional.empty();
        } catch (NumberFormatException e) {
            // An HTTP date is allowed too; Slack sends seconds, so anything else falls back to the backoff.
            return Optional.empty();
        }
    }

    /** The exception's kind and its causes' messages; the JDK's messages name hosts at most, never paths. */
    private static String describe(Throwable e) {
        StringBuilder reason = new StringBuilder(e.getClass().getSimpleName());
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t.getMessage() != null) {
                reason.append(": ").append(t.getMessage());
                break;
            }
        }
        return reason.toString();
    }

    /** Whatever text reaches a log is stripped of the URL and its path, in case a library quoted them. */
    private String redact(String text) {
        String redacted = text.replace(url.toString(), "<webhook>");
        return url.getRawPath() == null || url.getRawPath().length() <= 1 ? redacted : redacted.replace(url.getRawPath(), "<path>");
    }

    @Override
    public String toString() {
        return "Slack webhook " + name;
    }
}
