package io.datasurface.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class CloudEventsTest {
    private static final Instant TIME = Instant.parse("2026-11-25T10:15:30Z");

    @Test
    void eventIsStructuredCloudEventWithSummary() throws Exception {
        DataSurfaceEvent event = new DataSurfaceEvent.MergeFailed("Prod", "customer_db", "staging row 42 has a null key", TIME);

        JsonNode json = new ObjectMapper().readTree(CloudEvents.toJson(event, "/datasurface/merge-worker"));

        assertThat(json.path("specversion").asText()).isEqualTo("1.0");
        assertThat(json.path("type").asText()).isEqualTo("io.datasurface.merge.failed");
        assertThat(json.path("source").asText()).isEqualTo("/datasurface/merge-worker");
        assertThat(json.path("subject").asText()).isEqualTo("Prod");
        assertThat(json.path("time").asText()).isEqualTo("2026-11-25T10:15:30Z");
        assertThat(json.path("id").asText()).isEqualTo(event.id());
        assertThat(json.path("summary").asText()).isEqualTo("Platform Prod: stream customer_db merge FAILED: staging row 42 has a null key");
        assertThat(json.path("data").path("hint").asText()).isEqualTo("staging row 42 has a null key");
    }

    @Test
    void releaseOfNoTransactionIsRefused() {
        assertThatThrownBy(() -> new DataSurfaceEvent.TransactionsReleased("Prod", "ledger_db", 8, List.of(), 300_000, TIME))
                .hasMessage("transactions is empty: nothing was released");
    }

    @Test
    void waitOfPartSecondsIsSummarisedInMilliseconds() {
        DataSurfaceEvent event = new DataSurfaceEvent.TransactionsReleased("Prod", "ledger_db", 8, List.of("571 (entries 0 of 1)"), 1_500, TIME);

        assertThat(event.summary()).contains("consumed 1 source transaction(s) whose changes had not all arrived after waiting 1500 ms;");
    }

    @Test
    void unknownEventTypeIsRejectedNamingTheKnownOnes() {
        String json = "{\"specversion\":\"1.0\",\"type\":\"com.example.other\",\"data\":{}}";

        assertThatThrownBy(() -> CloudEvents.fromJson(json)).hasMessageContaining("unknown event type 'com.example.other'");
    }
}
