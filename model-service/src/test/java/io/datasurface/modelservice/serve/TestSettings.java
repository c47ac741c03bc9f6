package io.datasurface.modelservice.serve;

import java.util.Optional;
import java.util.UUID;

/** model-service settings for tests that run its parts without Quarkus; topics get unique names per test. */
final class TestSettings {
    private TestSettings() {
    }

    record Repository(Optional<String> url, String branch, Optional<String> path, Optional<String> credential, String username)
            implements ModelServiceConfig.LiveRepository {
        static Repository of(java.nio.file.Path dir) {
            return new Repository(Optional.of(dir.toString()), "main", Optional.empty(), Optional.empty(), "datasurface");
        }
    }

    record Topics(String graph, String events) implements ModelServiceConfig.Topics {
        static Topics unique() {
            String suffix = UUID.randomUUID().toString().substring(0, 8);
            return new Topics("graph-" + suffix, "events-" + suffix);
        }
    }
}
