package io.datasurface.renderservice.serve;

import io.datasurface.testing.TestingKafka;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;

/** A served render-service's settings: the shared broker, topics of its own, a fresh output folder. */
public class ServeResource implements QuarkusTestResourceLifecycleManager {
    static final String SUFFIX = UUID.randomUUID().toString().substring(0, 8);
    static final String GRAPH_TOPIC = "graph-" + SUFFIX;
    static final String EVENTS_TOPIC = "events-" + SUFFIX;
    static Path out;

    @Override
    public Map<String, String> start() {
        try {
            out = Files.createTempDirectory("ds-render-out");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Map.of(
                "datasurface.render.out-dir", out.toString(),
                "datasurface.render.graph-topic", GRAPH_TOPIC,
                "datasurface.render.events-topic", EVENTS_TOPIC,
                "datasurface.render.group-id", "render-" + SUFFIX,
                "kafka.bootstrap.servers", TestingKafka.get().bootstrapServers());
    }

    @Override
    public void stop() {
        // The folder is the operating system's temporary folder's to clean.
    }
}
