package io.datasurface.renderservice.serve;

import static org.assertj.core.api.Assertions.assertThat;

import io.datasurface.renderservice.RenderConfig;
import io.quarkus.runtime.configuration.DurationConverter;
import io.quarkus.runtime.configuration.PathConverter;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every setting of render-service with its production default, and each key mapped to its field. */
class RenderConfigTest {

    @Test
    void productionDefaults() throws Exception {
        SmallRyeConfig config = production(Map.of());
        RenderConfig c = config.getConfigMapping(RenderConfig.class);

        assertThat(c.renderImage()).isEmpty();
        assertThat(c.metricsImage()).isEmpty();
        assertThat(c.outDir()).isEqualTo(Path.of("/tmp/datasurface/render-service/out"));
        assertThat(c.graphTopic()).isEqualTo("datasurface.graph");
        assertThat(c.eventsTopic()).isEqualTo("datasurface.events");
        assertThat(c.groupId()).isEqualTo("datasurface-render-service");
        assertThat(c.checkCredentials()).isTrue();
        assertThat(c.kafkaTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(config.getValue("kafka.bootstrap.servers", String.class)).isEqualTo("127.0.0.1:9092");
    }

    @Test
    void listenerBindsLoopbackOnItsPort() throws Exception {
        SmallRyeConfig config = production(Map.of());

        assertThat(config.getValue("quarkus.http.host", String.class)).isEqualTo("127.0.0.1");
        assertThat(config.getValue("quarkus.http.port", Integer.class)).isEqualTo(8081);
    }

    @Test
    void everyKeyIsMapped() throws Exception {
        RenderConfig c = production(Map.of(
                "datasurface.render.render-image", "r:1",
                "datasurface.render.metrics-image", "m:1",
                "datasurface.render.out-dir", "/airflow/dags-volume",
                "datasurface.render.graph-topic", "g",
                "datasurface.render.events-topic", "e",
                "datasurface.render.group-id", "grp",
                "datasurface.render.check-credentials", "false",
                "datasurface.render.kafka-timeout", "3s")).getConfigMapping(RenderConfig.class);

        assertThat(c.renderImage()).contains("r:1");
        assertThat(c.metricsImage()).contains("m:1");
        assertThat(c.outDir()).isEqualTo(Path.of("/airflow/dags-volume"));
        assertThat(c.graphTopic()).isEqualTo("g");
        assertThat(c.eventsTopic()).isEqualTo("e");
        assertThat(c.groupId()).isEqualTo("grp");
        assertThat(c.checkCredentials()).isFalse();
        assertThat(c.kafkaTimeout()).isEqualTo(Duration.ofSeconds(3));
    }

    /** application.properties as production reads it, with {@code overrides} on top. */
    private static SmallRyeConfig production(Map<String, String> overrides) throws Exception {
        return new SmallRyeConfigBuilder()
                .withProfile("prod")
                .withSources(new PropertiesConfigSource(RenderConfigTest.class.getClassLoader().getResource("application.properties"), 100))
                .withSources(new PropertiesConfigSource(overrides, "overrides", 200))
                .withConverter(Duration.class, 200, new DurationConverter())
                .withConverter(Path.class, 200, new PathConverter())
                .withMapping(RenderConfig.class)
                .build();
    }
}
