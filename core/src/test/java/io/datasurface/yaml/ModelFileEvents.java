package io.datasurface.yaml;

import java.util.Iterator;

/** For the benchmarks outside this package: the parse the loader reads model files with. */
public final class ModelFileEvents {
    private ModelFileEvents() {
    }

    /** How many events the loader's parse gives of {@code text} (the scanner's, or SnakeYAML's where it gives up). */
    public static long count(String text) {
        long events = 0;
        for (Iterator<?> it = YamlDocument.events(text).iterator(); it.hasNext(); it.next()) {
            events++;
        }
        return events;
    }
}
