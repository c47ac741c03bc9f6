package io.datasurface.events;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.datasurface.model.DataType;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeFormatter;

/**
 * A {@link PlatformGraph} as a structured-mode CloudEvent and back. The graph is written record by record, so that
 * reading it gives a graph equal to the one published (and rendering it gives the same bytes); a column type is
 * written in its YAML form.
 */
public final class PlatformGraphJson {
    private static final ObjectMapper JSON = new ObjectMapper()
            .registerModule(new Jdk8Module())
            .registerModule(new JavaTimeModule())
            .registerModule(new SimpleModule("datasurface-types")
                    .addSerializer(DataType.class, new DataTypeSerializer())
                    .addDeserializer(DataType.class, new DataTypeDeserializer()))
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS);

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

    private static final class DataTypeSerializer extends JsonSerializer<DataType> {
        @Override
        public void serialize(DataType value, JsonGenerator out, SerializerProvider provider) throws IOException {
            out.writeString(value.toString());
        }
    }

    private static final class DataTypeDeserializer extends JsonDeserializer<DataType> {
        @Override
        public DataType deserialize(JsonParser in, DeserializationContext context) throws IOException {
            return DataType.parse(in.getValueAsString());
        }
    }
}
