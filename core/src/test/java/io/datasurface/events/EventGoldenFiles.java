package io.datasurface.events;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;

/** Where an event type's golden JSON lives, and the pretty form it is kept in so that a review shows each field on its line. */
final class EventGoldenFiles {
    static final Path FOLDER = Path.of("src/test/resources/golden/events");
    private static final ObjectMapper JSON = new ObjectMapper();

    private EventGoldenFiles() {
    }

    static Path file(DataSurfaceEvent event) {
        return FOLDER.resolve(event.type() + ".json");
    }

    static String pretty(DataSurfaceEvent event) throws IOException {
        return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(JSON.readTree(CloudEvents.toJson(event, SampleEvents.SOURCE))) + "\n";
    }
}
