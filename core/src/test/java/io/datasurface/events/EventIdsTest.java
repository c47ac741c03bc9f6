package io.datasurface.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class EventIdsTest {
    private static final Instant LATER = SampleEvents.TIME.plusSeconds(3600);

    @Test
    void republishingTheSameGraphLaterKeepsTheId() {
        var first = new DataSurfaceEvent.GraphPublished("Prod", "abc", "sha256:1", 4, SampleEvents.TIME);
        var again = new DataSurfaceEvent.GraphPublished("Prod", "abc", "sha256:1", 4, LATER);

        assertThat(again.id()).isEqualTo(first.id());
    }

    @Test
    void anotherCommitGetsAnotherId() {
        var first = new DataSurfaceEvent.GraphPublished("Prod", "abc", "sha256:1", 4, SampleEvents.TIME);
        var next = new DataSurfaceEvent.GraphPublished("Prod", "abd", "sha256:1", 4, SampleEvents.TIME);

        assertThat(next.id()).isNotEqualTo(first.id());
    }

    @Test
    void reRenderAfterACrashIsTheSameEventThoughNothingWasWrittenTheSecondTime() {
        var first = new DataSurfaceEvent.ArtifactsRendered("Prod", "abc", 3, 0, 0, List.of("a", "b", "c"), SampleEvents.TIME);
        var again = new DataSurfaceEvent.ArtifactsRendered("Prod", "abc", 0, 3, 0, List.of(), LATER);

        assertThat(again.id()).isEqualTo(first.id());
    }

    @Test
    void partsDoNotRunTogether() {
        assertThat(EventIds.of("t", "ab", "c")).isNotEqualTo(EventIds.of("t", "a", "bc"));
    }

    @Test
    void idIsTheEnvelopeId() throws Exception {
        var event = new DataSurfaceEvent.MergeSucceeded("Prod", "orders_db.orders", 7, 1, 1, 0, 0, 0, 5, SampleEvents.TIME);

        assertThat(new ObjectMapper().readTree(CloudEvents.toJson(event, "/x")).path("id").asText())
                .isEqualTo(event.id()).hasSize(32);
    }
}
