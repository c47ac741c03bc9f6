package io.datasurface.kpsg.graphfile;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.datasurface.cli.UnusableInputException;
import io.datasurface.kpsg.IntentionGraph;
import io.datasurface.model.DataType;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Writes and reads graph files. A file is one JSON object, on one line:
 * <pre>{"format":"datasurface-graph/1","platform":"Prod","commit":"9fceb02...","contentHash":"sha256:...","graph":{...}}</pre>
 * {@code graph} is the intention graph record by record (read back it equals the graph written; a column type in its
 * YAML form). {@code contentHash} is the SHA-256 of the format, platform and commit, each followed by a newline, and
 * then the bytes of the {@code graph} value exactly as they stand in the file, so a reader checks it without writing
 * the graph again. The same graph and commit always give the same bytes.
 */
public final class GraphFiles {
    public static final String FORMAT = "datasurface-graph/1";
    /** The folder of the rendered output (beside {@code dags/}) that holds each platform's graph file. */
    public static final String FOLDER = "graphs";
    private static final String HASH_PREFIX = "sha256:";

    /**
     * The one mapper of the graph's records, here and on the topic {@code datasurface.graph}: records field by field,
     * Optional and java.time values, a column type in its YAML form. Shared, so never reconfigure it.
     */
    public static final ObjectMapper JSON = new ObjectMapper()
            .registerModule(new Jdk8Module())
            .registerModule(new JavaTimeModule())
            .registerModule(new SimpleModule("datasurface-types")
                    .addSerializer(DataType.class, new DataTypeSerializer())
                    .addDeserializer(DataType.class, new DataTypeDeserializer()))
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private GraphFiles() {
    }

    /** Where the graph file of the platform whose tables live in {@code schema} is written, relative to the rendered output. */
    public static String path(String schema) {
        return FOLDER + "/" + schema + ".json";
    }

    /** The file's text. */
    public static String toJson(GraphFile file) {
        try {
            byte[] graph = JSON.writeValueAsBytes(file.graph());
            ByteArrayOutputStream out = new ByteArrayOutputStream(graph.length + 256);
            try (JsonGenerator g = JSON.getFactory().createGenerator(out)) {
                g.writeStartObject();
                g.writeStringField("format", FORMAT);
                g.writeStringField("platform", file.platform());
                g.writeStringField("commit", file.commit());
                g.writeStringField("contentHash", hash(file.platform(), file.commit(), graph, 0, graph.length));
                g.writeFieldName("graph");
                g.writeRawValue(new String(graph, StandardCharsets.UTF_8));
                g.writeEndObject();
            }
            out.write('\n');
            return out.toString(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("graph records always serialize", e);
        }
    }

    /**
     * Reads the graph file a job was started with and checks it: its format, that its content matches its hash, that
     * it is of {@code platform} and was made from {@code commit}.
     *
     * @throws UnusableInputException saying what is wrong and what to do, when any check fails or the file cannot be read
     */
    public static GraphFile read(Path file, String platform, String commit) throws UnusableInputException {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new UnusableInputException("no graph file " + file + ": render-service writes it beside the DAGs (render-service render "
                    + "--model DIR --platform " + platform + " --out DIR writes " + FOLDER + "/<schema>.json)");
        } catch (IOException e) {
            throw new UnusableInputException("cannot read the graph file " + file + ": " + e.getMessage());
        }
        GraphFile read = parse(bytes, file.toString());
        if (!read.platform().equals(platform)) {
            throw new UnusableInputException("graph file " + file + " is of platform " + read.platform() + ", not " + platform
                    + ": pass the graph file of platform " + platform);
        }
        if (!read.commit().equals(commit)) {
            throw new UnusableInputException("graph file " + file + " was made from commit " + read.commit() + ", but this job was started for commit "
                    + commit + ": the DAG and the graph file come from different renderings of the model. Nothing was done; the next run, once "
                    + "render-service has written both for the same commit, works (re-render if this persists)");
        }
        return read;
    }

    /**
     * A graph file's content, checked against its hash.
     *
     * @param name how to call the file in a message
     * @throws UnusableInputException when it is not a graph file, or its content does not match its hash
     */
    public static GraphFile parse(byte[] bytes, String name) throws UnusableInputException {
        String format = null;
        String platform = null;
        String commit = null;
        String contentHash = null;
        IntentionGraph graph = null;
        String actualHash = null;
        try (JsonParser p = JSON.getFactory().createParser(bytes)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw notAGraphFile(name, "it is not a JSON object");
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken value = p.nextToken();
                switch (field) {
                    case "format" -> format = p.getValueAsString();
                    case "platform" -> platform = p.getValueAsString();
                    case "commit" -> commit = p.getValueAsString();
                    case "contentHash" -> contentHash = p.getValueAsString();
                    case "graph" -> {
                        if (value != JsonToken.START_OBJECT || format == null || platform == null || commit == null || contentHash == null) {
                            throw notAGraphFile(name, "its graph does not follow format, platform, commit and contentHash");
                        }
                        int start = (int) p.currentTokenLocation().getByteOffset();
                        p.skipChildren();
                        int end = (int) p.currentLocation().getByteOffset();
                        actualHash = hash(platform, commit, bytes, start, end - start);
                        if (!actualHash.equals(contentHash)) {
                            break;
                        }
                        try (JsonParser graphParser = JSON.getFactory().createParser(bytes, start, end - start)) {
                            graph = JSON.readValue(graphParser, IntentionGraph.class);
                        }
                    }
                    default -> throw notAGraphFile(name, "it has an unknown field '" + field + "'");
                }
                if (actualHash != null && !actualHash.equals(contentHash)) {
                    break;
                }
            }
        } catch (JsonProcessingException e) {
            throw notAGraphFile(name, e.getOriginalMessage());
        } catch (IOException e) {
            throw new UnusableInputException("cannot read the graph file " + name + ": " + e.getMessage());
        } catch (IllegalArgumentException e) {
            throw notAGraphFile(name, e.getMessage());
        }
        if (!FORMAT.equals(format)) {
            throw notAGraphFile(name, "its format is " + (format == null ? "missing" : "'" + format + "'") + ", expected " + FORMAT);
        }
        if (actualHash == null) {
            throw notAGraphFile(name, "it has no graph");
        }
        if (!actualHash.equals(contentHash)) {
            throw new UnusableInputException("graph file " + name + " does not match its content hash (the file says " + contentHash
                    + ", its content hashes to " + actualHash + "): it was changed or cut after render-service wrote it. Render the "
                    + "platform again (render-service render) to rewrite it; never edit it by hand");
        }
        if (!graph.platform().name().equals(platform)) {
            throw notAGraphFile(name, "it says platform " + platform + " but its graph is of platform " + graph.platform().name());
        }
        try {
            return new GraphFile(commit, graph);
        } catch (IllegalArgumentException e) {
            throw notAGraphFile(name, e.getMessage());
        }
    }

    private static UnusableInputException notAGraphFile(String name, String why) {
        return new UnusableInputException(name + " is not a readable DataSurface graph file (" + why + "): pass the file render-service "
                + "wrote under " + FOLDER + "/, or render the platform again");
    }

    private static String hash(String platform, String commit, byte[] graph, int offset, int length) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update((FORMAT + "\n" + platform + "\n" + commit + "\n").getBytes(StandardCharsets.UTF_8));
            sha.update(graph, offset, length);
            return HASH_PREFIX + HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
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
