package io.datasurface.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Stands in for Slack's incoming webhook on 127.0.0.1: accepts every message the notifier posts and
 * prints its first line as a progress line, so the demo shows what operators would read.
 */
final class SlackStandIn implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpServer server;
    private final List<String> messages = new CopyOnWriteArrayList<>();

    private SlackStandIn(HttpServer server) {
        this.server = server;
    }

    static SlackStandIn start(PrintStream progress) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        SlackStandIn slack = new SlackStandIn(server);
        server.createContext("/webhook", exchange -> {
            try (InputStream body = exchange.getRequestBody()) {
                JsonNode message = JSON.readTree(body);
                String text = message.path("text").asText();
                slack.messages.add(text);
                progress.println("local: slack " + message.path("channel").asText("") + ": " + text.lines().findFirst().orElse(""));
            } catch (IOException e) {
                progress.println("local: slack stand-in could not read a message: " + e.getMessage());
            }
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        server.start();
        return slack;
    }

    /** The webhook URL the notifier is given as the platform's Slack credential. */
    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/webhook";
    }

    List<String> messages() {
        return List.copyOf(messages);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
