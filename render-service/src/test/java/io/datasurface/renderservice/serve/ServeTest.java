package io.datasurface.renderservice.serve;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.datasurface.events.CloudEvents;
import io.datasurface.events.DataSurfaceEvent;
import io.datasurface.events.PlatformGraph;
import io.datasurface.events.PlatformGraphJson;
import io.datasurface.load.PlatformResolver;
import io.datasurface.render.PlatformSecrets;
import io.datasurface.render.RequiredSecret;
import io.datasurface.testing.TestingKafka;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/** render-service serving: a graph on the topic becomes files and events, secrets checked against the mock Kubernetes API. */
@QuarkusTest
@WithKubernetesTestServer(crud = true)
@QuarkusTestResource(value = ServeResource.class, restrictToAnnotatedClass = true)
class ServeTest {

    @Inject
    RenderWorker worker;

    @Inject
    KubernetesClient client;

    @Test
    void graphIsRenderedAndAMissingSecretReportedByNameAndKey() throws Exception {
        PlatformGraph graph = acme("c1");
        String namespace = graph.graph().platform().namespace();
        client.secrets().inNamespace(namespace).delete();
        for (RequiredSecret required : PlatformSecrets.required(graph.graph().platform())) {
            if (required.name().equals("slack-webhook")) {
                continue;
            }
            Map<String, String> data = new LinkedHashMap<>();
            required.keys().forEach(k -> data.put(k, Base64.getEncoder().encodeToString(("value-of-" + k).getBytes())));
            client.secrets().inNamespace(namespace).resource(new SecretBuilder().withNewMetadata().withName(required.name())
                    .withNamespace(namespace).endMetadata().withData(data).build()).create();
        }
        worker.start();

        publish(graph);

        List<String> raw = TestingKafka.get().readValues(ServeResource.EVENTS_TOPIC, 2, Duration.ofSeconds(20));
        List<DataSurfaceEvent> events = raw.stream().map(CloudEvents::fromJson).toList();
        assertThat(events).hasSize(2);
        assertThat(events.get(0)).isInstanceOf(DataSurfaceEvent.ArtifactsRendered.class);
        assertThat(events.get(1)).isInstanceOfSatisfying(DataSurfaceEvent.CredentialsMissing.class,
                e -> assertThat(e.missing()).containsExactly(new DataSurfaceEvent.MissingSecret("slack-webhook", "token")));
        assertThat(String.join("\n", raw)).doesNotContain("value-of").doesNotContain("dmFsdWUtb2");
        assertThat(ServeResource.out.resolve("dags/prod_system.py")).exists();
        // The worker is ready again once its poll has returned, a moment after it published the events.
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (given().get("/q/health/ready").statusCode() != 200 && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        given().get("/q/health/ready").then().statusCode(200).body("checks[0].data.kafka", equalTo("reachable"));
    }

    private static PlatformGraph acme(String commit) throws Exception {
        var resolved = PlatformResolver.resolve(Path.of("..", "examples", "acme"), "Prod");
        return new PlatformGraph("Prod", commit, "sha256:" + commit, resolved.ecosystem().owner(), resolved.graph());
    }

    private static void publish(PlatformGraph graph) throws Exception {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of("bootstrap.servers", TestingKafka.get().bootstrapServers(),
                "key.serializer", StringSerializer.class.getName(), "value.serializer", StringSerializer.class.getName()))) {
            producer.send(new ProducerRecord<>(ServeResource.GRAPH_TOPIC, graph.platform(), PlatformGraphJson.toJson(graph, "/test", Instant.now())))
                    .get();
        }
    }
}
