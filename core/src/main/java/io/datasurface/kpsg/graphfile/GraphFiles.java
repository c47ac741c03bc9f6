package io.datasurface.kpsg.graphfile;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import io.datasurface.cli.UnusableInputException;
import io.datasurface.kpsg.IntentionGraph;
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
 * {@code graph} is the intention graph in {@link GraphJson}'s compact form (read back it equals the graph written).
 * {@code contentHash} is the SHA-256 of the format, platform and commit, each followed by a newline, and then the bytes
 * of the {@code graph} value exactly as they stand in the file, so a reader checks it before reading the graph and
 * without writing it again. The same graph and commit always give the same bytes.
 */
public final class GraphFiles {
    public static final String FORMAT = "datasurface-graph/1";
    /** The folder of the rendered output (beside {@code dags/}) that holds each platform's graph file. */
    public static final String FOLDER = "graphs";
    private static final String HASH_PREFIX = "sha256:";

    private static final JsonFactory JSON = JsonFactory.builder().build();

    private GraphFiles() {
    }

    /** Where the graph file of the platform whose tables live in {@code schema} is written, relative to the rendered output. */
    public static String path(String schema) {
        return FOLDER + "/" + schema + ".json";
    }

    /** The file's text. */
    public static String toJson(GraphFile file) {
        try {
            ByteArrayOutputStream graphBytes = new ByteArrayOutputStream();
            try (JsonGenerator g = JSON.createGenerator(graphBytes)) {
                GraphJson.write(g, file.graph());
            }
            byte[] graph = graphBytes.toByteArray();
            ByteArrayOutputStream out = new ByteArrayOutputStream(graph.length + 256);
            try (JsonGenerator g = JSON.createGenerator(out)) {
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
        String platform;
        String commit;
        IntentionGraph graph;
        try (JsonParser p = JSON.createParser(bytes)) {
            if (p.nextToken() != JsonToken.START_OBJECT || p.nextToken() != JsonToken.FIELD_NAME || !"format".equals(p.currentName())
                    || p.nextToken() != JsonToken.VALUE_STRING) {
                throw notAGraphFile(name, "it does not start with its format");
            }
            if (!FORMAT.equals(p.getText())) {
                throw notAGraphFile(name, "its format is '" + p.getText() + "', expected " + FORMAT);
            }
            platform = header(p, "platform", name);
            commit = header(p, "commit", name);
            String contentHash = header(p, "contentHash", name);
            if (p.nextToken() != JsonToken.FIELD_NAME || !"graph".equals(p.currentName()) || p.nextToken() != JsonToken.START_OBJECT) {
                throw notAGraphFile(name, "it has no graph after its header");
            }
            // The writer puts the graph last: it runs from here to the closing brace of the file's object.
            int start = (int) p.currentTokenLocation().getByteOffset();
            int end = lastBrace(bytes);
            if (end <= start) {
                throw notAGraphFile(name, "it ends before its graph");
            }
            String actualHash = hash(platform, commit, bytes, start, end - start);
            if (!actualHash.equals(contentHash)) {
                throw new UnusableInputException("graph file " + name + " does not match its content hash (the file says " + contentHash
                        + ", its content hashes to " + actualHash + "): it was changed or cut after render-service wrote it. Render the "
                        + "platform again (render-service render) to rewrite it; never edit it by hand");
            }
            graph = GraphJson.read(p);
            if (p.nextToken() != JsonToken.END_OBJECT || p.currentLocation().getByteOffset() != end + 1) {
                throw notAGraphFile(name, "something follows its graph");
            }
        } catch (JsonProcessingException e) {
            throw notAGraphFile(name, e.getOriginalMessage());
        } catch (IOException e) {
            throw new UnusableInputException("cannot read the graph file " + name + ": " + e.getMessage());
        } catch (IllegalArgumentException e) {
            throw notAGraphFile(name, e.getMessage());
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

    private static String header(JsonParser p, String field, String name) throws IOException, UnusableInputException {
        if (p.nextToken() != JsonToken.FIELD_NAME || !field.equals(p.currentName()) || p.nextToken() != JsonToken.VALUE_STRING) {
            throw notAGraphFile(name, "its header has no " + field + " where expected");
        }
        return p.getText();
    }

    private static int lastBrace(byte[] bytes) {
        int i = bytes.length - 1;
        while (i >= 0 && (bytes[i] == '\n' || bytes[i] == '\r' || bytes[i] == ' ')) {
            i--;
        }
        return i >= 0 && bytes[i] == '}' ? i : -1;
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
}
