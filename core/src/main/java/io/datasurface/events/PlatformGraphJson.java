package io.datasurface.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.datasurface.kpsg.graphfile.GraphFiles;
import java.time.Instant;
import java.time.format.DateTimeFormatter;

/**
 * A {@link PlatformGraph} as a structured-mode CloudEvent and back. The graph is written record by record, so that
 * reading it gives a graph equal to the one published (and rendering it gives the same bytes); a column type is
 * written in its YAML form.
 */
public final class PlatformGraphJson {
    private static final ObjectMapper JSON = GraphFiles.JSON;

    private PlatformGraphJson() {
    }

    /** The CloudEvent; {@code source} names the publishing service. */
    public static String toJson(PlatformGraph graph, String source, Instant time) {
        ObjectNode envelope = JSON.createObjectNode();
        envelope.put("specversion", CloudEvents.SPEC_VERSION);
        envelope.put("id", graph.id());
        envelope.put("source", source);
        envelope.put("type", PlatformGraph.TYPE);
        envelope.put("subject", graph.platform());
        envelope.put("time", DateTimeFormatter.ISO_INSTANT.format(time));
        envelope.put("datacontenttype", "application/json");
        envelope.set("data", JSON.valueToTree(graph));
        try {
            return JSON.writeValueAsString(envelope);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("graph records always serialize", e);
        }
    }

    /**
     * @throws IllegalArgumentException when the JSON is not a platform graph CloudEvent, or its graph is not valid
     */
    public static PlatformGraph fromJson(String json) {
        try {
            JsonNode envelope = JSON.readTree(json);
            if (!PlatformGraph.TYPE.equals(envelope.path("type").asText())) {
                throw new IllegalArgumentException("not a platform graph: type is '" + envelope.path("type").asText() + "', expected "
                        + PlatformGraph.TYPE);
            }
            return JSON.treeToValue(envelope.path("data"), PlatformGraph.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a readable platform graph: " + e.getOriginalMessage(), e);
        }
    }
}
