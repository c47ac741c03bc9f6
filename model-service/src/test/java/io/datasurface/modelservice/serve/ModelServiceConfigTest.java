package io.datasurface.modelservice.serve;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.runtime.configuration.DurationConverter;
import io.quarkus.runtime.configuration.PathConverter;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Every setting of model-service with its production default, and each key mapped to its field. */
class ModelServiceConfigTest {

    @Test
    void productionDefaults() throws Exception {
        SmallRyeConfig config = production(Map.of());
        ModelServiceConfig c = config.getConfigMapping(ModelServiceConfig.class);

        assertThat(c.repository().url()).isEmpty();
        assertThat(c.repository().branch()).isEqualTo("main");
        assertThat(c.repository().path()).isEmpty();
        assertThat(c.repository().credential()).isEmpty();
        assertThat(c.repository().username()).isEqualTo("datasurface");
        assertThat(c.workDir()).isEqualTo(Path.of("/tmp/datasurface/model-service"));
        assertThat(c.pollInterval()).isEqualTo(Duration.ofSeconds(30));
        assertThat(c.topics().graph()).isEqualTo("datasurface.graph");
        assertThat(c.topics().events()).isEqualTo("datasurface.events");
        assertThat(c.kafkaTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(c.check().repositoryRoot()).isEmpty();
        assertThat(config.getValue("kafka.bootstrap.servers", String.class)).isEqualTo("127.0.0.1:9092");
    }

    @Test
    void listenerBindsLoopbackOnItsPort() throws Exception {
        SmallRyeConfig config = production(Map.of());

        assertThat(config.getValue("quarkus.http.host", String.class)).isEqualTo("127.0.0.1");
        assertThat(config.getValue("quarkus.http.port", Integer.class)).isEqualTo(8080);
    }

    @Test
    void everyKeyIsMapped() throws Exception {
        ModelServiceConfig c = production(Map.ofEntries(
                Map.entry("datasurface.repository.url", "https://git.example/model.git"),
                Map.entry("datasurface.repository.branch", "live"),
                Map.entry("datasurface.repository.path", "model"),
                Map.entry("datasurface.repository.credential", "git-model"),
                Map.entry("datasurface.repository.username", "bot"),
                Map.entry("datasurface.work-dir", "/var/lib/ds"),
                Map.entry("datasurface.poll-interval", "5s"),
                Map.entry("datasurface.topics.graph", "g"),
                Map.entry("datasurface.topics.events", "e"),
                Map.entry("datasurface.kafka-timeout", "3s"),
                Map.entry("datasurface.check.repository-root", "/srv/clones"))).getConfigMapping(ModelServiceConfig.class);

        assertThat(c.repository().url()).contains("https://git.example/model.git");
        assertThat(c.repository().branch()).isEqualTo("live");
        assertThat(c.repository().path()).contains("model");
        assertThat(c.repository().credential()).contains("git-model");
        assertThat(c.repository().username()).isEqualTo("bot");
        assertThat(c.workDir()).isEqualTo(Path.of("/var/lib/ds"));
        assertThat(c.pollInterval()).isEqualTo(Duration.ofSeconds(5));
        assertThat(c.topics().graph()).isEqualTo("g");
        assertThat(c.topics().events()).isEqualTo("e");
        assertThat(c.kafkaTimeout()).isEqualTo(Duration.ofSeconds(3));
        assertThat(c.check().repositoryRoot()).isEqualTo(Optional.of(Path.of("/srv/clones")));
    }

    /** application.properties as production reads it, with {@code overrides} on top. */
    private static SmallRyeConfig production(Map<String, String> overrides) throws Exception {
        return new SmallRyeConfigBuilder()
                .withProfile("prod")
                .withSources(new PropertiesConfigSource(ModelServiceConfigTest.class.getClassLoader().getResource("application.properties"), 100))
                .withSources(new PropertiesConfigSource(overrides, "overrides", 200))
                .withConverter(Duration.class, 200, new DurationConverter())
                .withConverter(Path.class, 200, new PathConverter())
                .withMapping(ModelServiceConfig.class)
                .build();
    }
}
