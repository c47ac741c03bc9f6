package io.datasurface.modelservice.serve;

import io.datasurface.modelservice.governance.TestingModelRepository;
import io.datasurface.testing.TestingKafka;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.Map;

/**
 * A model repository made for the test, and the shared broker, as the configuration of a served model-service. The
 * poll interval is an hour, so that only the webhook makes it fetch during a test.
 */
public class LiveRepositoryResource implements QuarkusTestResourceLifecycleManager {
    static final TestSettings.Topics TOPICS = TestSettings.Topics.unique();
    static TestingModelRepository repository;

    @Override
    public Map<String, String> start() {
        repository = TestingModelRepository.withAcme("");
        try {
            return Map.of(
                    "datasurface.repository.url", repository.dir().toString(),
                    "datasurface.work-dir", Files.createTempDirectory("ds-serve").toString(),
                    "datasurface.poll-interval", "1h",
                    "datasurface.topics.graph", TOPICS.graph(),
                    "datasurface.topics.events", TOPICS.events(),
                    "kafka.bootstrap.servers", TestingKafka.get().bootstrapServers());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void stop() {
        repository.close();
    }
}
