package io.datasurface.notifier;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A local HTTP server standing in for a Slack incoming webhook, recording every call. By default
 * it accepts ({@code 200 ok}); scripted answers go first; a body containing a poison text is
 * refused with {@code 400 invalid_blocks}, as Slack refuses a malformed message; {@link #down()}
 * closes the port (connection refused) and {@link #up()} opens the same port again.
 */
final class SlackStandIn implements AutoCloseable {
    /** The webhook's path holds the secret, as Slack's do. */
    static final String SECRET_PATH = "/services/T0000/B0000/s3cr3tW3bh00kT0k3n";
    private static final Pattern EVENT_ID = Pattern.compile("id `([^`]+)`");

    record Answer(int status, Map<String, String> headers, String body) {
        static Answer ok() {
            return new Answer(200, Map.of(), "ok");
        }

        static Answer status(int status) {
            return new Answer(status, Map.of(), status >= 500 ? "internal_error" : "error");
        }

        static Answer rateLimited(int retryAfterSeconds) {
            return new Answer(429, Map.of("Retry-After", Integer.toString(retryAfterSeconds)), "rate_limited");
        }
    }

    /** One request and what it was answered. */
    record Call(Instant at, String body, int status) {
        /** The event id in the message's context line. */
        String eventId() {
            Matcher m = EVENT_ID.matcher(body);
            return m.find() ? m.group(1) : "";
        }

        boolean accepted() {
            return status == 200;
        }
    }

    private final Deque<Answer> script = new ArrayDeque<>();
    private final List<Call> calls = new ArrayList<>();
    private final int port;
    private String poison;
    private HttpServer server;

    SlackStandIn() {
        this.server = open(0);
        this.port = server.getAddress().getPort();
    }

    private HttpServer open(int onPort) {
        try {
            HttpServer s = HttpServer.create(new InetSocketAddress("127.0.0.1", onPort), 50);
            s.createContext("/", this::handle);
            s.start();
            return s;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    URI url() {
        return URI.create("http://127.0.0.1:" + port + SECRET_PATH);
    }

    synchronized void script(Answer... answers) {
        script.addAll(List.of(answers));
    }

    /** Bodies that contain {@code text} are refused for good. */
    synchronized void refuse(String text) {
        this.poison = text;
    }

    synchronized void down() {
        server.stop(0);
    }

    synchronized void up() {
        server = open(port);
    }

    synchronized List<Call> calls() {
        return List.copyOf(calls);
    }

    List<Call> accepted() {
        return calls().stream().filter(Call::accepted).toList();
    }

    private void handle(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        Answer answer;
        synchronized (this) {
            if (!exchange.getRequestURI().getPath().equals(SECRET_PATH) || !exchange.getRequestMethod().equals("POST")) {
                answer = new Answer(404, Map.of(), "no_service");
            } else if (poison != null && body.contains(poison)) {
                answer = new Answer(400, Map.of(), "invalid_blocks");
            } else {
                answer = Optional.ofNullable(script.poll()).orElse(Answer.ok());
            }
            calls.add(new Call(Instant.now(), body, answer.status()));
        }
        answer.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
        byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(answer.status(), bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    @Override
    public synchronized void close() {
        server.stop(0);
    }
}
