package io.datasurface.modelservice.serve;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.datasurface.events.CloudEvents;
import io.datasurface.events.DataSurfaceEvent;
import io.datasurface.testing.TestingKafka;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** model-service serving: the webhook, readiness. The watcher is started as the serve command starts it. */
@QuarkusTest
@QuarkusTestResource(value = LiveRepositoryResource.class, restrictToAnnotatedClass = true)
class ServeTest {

    @Inject
    ModelWatcher watcher;

    @BeforeEach
    void serve() throws Exception {
        watcher.start();
    }

    @Test
    void webhookFetchesAtOnceAndTheCommitIsPublished() {
        String commit = LiveRepositoryResource.repository.edit("zones/USA/teams/sales.yaml", "documentation: Owns the customer and order systems",
                "documentation: Owns the customer, order and returns systems").commit("docs of sales");

        given().post("/api/hooks/git").then().statusCode(202);

        assertThat(graphPublished(commit)).as("GraphPublished of " + commit).isTrue();
    }

    @Test
    void readyWhenRepositoryAndKafkaAreReachable() throws InterruptedException {
        waitForFirstPoll();

        given().get("/q/health/ready").then().statusCode(200)
                .body("checks[0].data.repository", equalTo("reachable"))
                .body("checks[0].data.kafka", equalTo("reachable"));
    }

    private void waitForFirstPoll() throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (watcher.status().repositoryProblem().isPresent() && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
    }

    private static boolean graphPublished(String commit) {
        return TestingKafka.get().awaitValue(LiveRepositoryResource.TOPICS.events(),
                v -> CloudEvents.fromJson(v) instanceof DataSurfaceEvent.GraphPublished g && g.commit().equals(commit), Duration.ofSeconds(60)).isPresent();
    }
}
