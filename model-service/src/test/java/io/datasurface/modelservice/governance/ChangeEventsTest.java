package io.datasurface.modelservice.governance;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.datasurface.events.CloudEvents;
import io.datasurface.events.DataSurfaceEvent;
import io.datasurface.testing.TestingKafka;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The REST check publishes its answer when asked to. */
@QuarkusTest
@QuarkusTestResource(value = KafkaResource.class, restrictToAnnotatedClass = true)
class ChangeEventsTest {

    @Test
    void rejectedChangeAskedToPublishGivesChangeRejectedWithItsViolations() {
        try (TestingModelRepository repo = TestingModelRepository.withAcme("")) {
            String base = repo.commit("nothing");
            String head = repo.edit("zones/USA/teams/sales.yaml", "{name: email, type: varchar(200), nullable: true}",
                    "{name: email, type: varchar(200)}").commit("marketing edits sales");

            given().contentType("application/json")
                    .body(Map.of("repoDir", repo.dir().toString(), "base", base, "head", head, "source",
                            "https://github.com/acme/marketing-data.git@main", "publish", true))
                    .post("/api/changes/check")
                    .then().statusCode(200).body("accepted", equalTo(false)).body("published", equalTo(true));

            var events = TestingKafka.get().readValues(KafkaResource.EVENTS_TOPIC, 1, Duration.ofSeconds(10)).stream().map(CloudEvents::fromJson)
                    .toList();
            assertThat(events).singleElement().isInstanceOfSatisfying(DataSurfaceEvent.ChangeRejected.class, e -> {
                assertThat(e.headCommit()).isEqualTo(head);
                assertThat(e.source()).isEqualTo("https://github.com/acme/marketing-data.git@main");
                assertThat(e.violations()).anySatisfy(v -> assertThat(v).contains("[ownership]").contains("tried by https://github.com/acme/marketing-data.git@main"));
            });
        }
    }
}
