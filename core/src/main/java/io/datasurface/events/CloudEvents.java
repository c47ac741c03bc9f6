package io.datasurface.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.datasurface.events.DataSurfaceEvent.ArtifactsRendered;
import io.datasurface.events.DataSurfaceEvent.ChangeAccepted;
import io.datasurface.events.DataSurfaceEvent.ChangeRejected;
import io.datasurface.events.DataSurfaceEvent.CredentialsMissing;
import io.datasurface.events.DataSurfaceEvent.GraphPublished;
import io.datasurface.events.DataSurfaceEvent.MergeFailed;
import io.datasurface.events.DataSurfaceEvent.MergeSucceeded;
import io.datasurface.events.DataSurfaceEvent.ModelRejected;
import io.datasurface.events.DataSurfaceEvent.TablesRemoved;
import io.datasurface.events.DataSurfaceEvent.TransactionsReleased;
import java.time.format.DateTimeFormatter;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * CloudEvents 1.0 in structured JSON mode: the envelope attributes and the event record as
 * {@code data}, plus the human summary as the extension attribute {@code summary}.
 */
public final class CloudEvents {
    public static final String SPEC_VERSION = "1.0";
    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    /** Every event type of the catalogue by its CloudEvents {@code type}, in the README's order. */
    public static final Map<String, Class<? extends DataSurfaceEvent>> TYPES = catalogue();

    private CloudEvents() {
    }

    private static Map<String, Class<? extends DataSurfaceEvent>> catalogue() {
        Map<String, Class<? extends DataSurfaceEvent>> types = new LinkedHashMap<>();
        types.put(ChangeAccepted.TYPE, ChangeAccepted.class);
        types.put(ChangeRejected.TYPE, ChangeRejected.class);
        types.put(ModelRejected.TYPE, ModelRejected.class);
        types.put(GraphPublished.TYPE, GraphPublished.class);
        types.put(ArtifactsRendered.TYPE, ArtifactsRendered.class);
        types.put(CredentialsMissing.TYPE, CredentialsMissing.class);
        types.put(MergeSucceeded.TYPE, MergeSucceeded.class);
        types.put(MergeFailed.TYPE, MergeFailed.class);
        types.put(TransactionsReleased.TYPE, TransactionsReleased.class);
        types.put(TablesRemoved.TYPE, TablesRemoved.class);
        return Collections.unmodifiableMap(types);
    }

    /** The structured-mode JSON of an event; {@code source} names the emitting service, e.g. {@code /datasurface/merge-worker}. */
    public static String toJson(DataSurfaceEvent event, String source) {
        ObjectNode envelope = JSON.createObjectNode();
        envelope.put("specversion", SPEC_VERSION);
        envelope.put("id", event.id());
        envelope.put("source", source);
        envelope.put("type", event.type());
        envelope.put("subject", event.subject());
        envelope.put("time", DateTimeFormatter.ISO_INSTANT.format(event.time()));
        envelope.put("datacontenttype", "application/json");
        envelope.put("summary", event.summary());
        envelope.set("data", JSON.valueToTree(event));
        try {
            return JSON.writeValueAsString(envelope);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("event records always serialize", e);
        }
    }

    /**
     * Reads a structured-mode CloudEvent back into its event record.
     *
     * @throws IllegalArgumentException when the JSON is not a DataSurface CloudEvent
     */
    public static DataSurfaceEvent fromJson(String json) {
        try {
            JsonNode envelope = JSON.readTree(json);
            if (!SPEC_VERSION.equals(envelope.path("specversion").asText())) {
                throw new IllegalArgumentException("not a CloudEvents 1.0 event: specversion is '" + envelope.path("specversion").asText() + "'");
            }
            Class<? extends DataSurfaceEvent> type = TYPES.get(envelope.path("type").asText());
            if (type == null) {
                throw new IllegalArgumentException("unknown event type '" + envelope.path("type").asText() + "'; known: " + TYPES.keySet());
            }
            return JSON.treeToValue(envelope.path("data"), type);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not JSON: " + e.getOriginalMessage(), e);
        }
    }
}
