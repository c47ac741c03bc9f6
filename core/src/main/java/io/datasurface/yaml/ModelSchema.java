package io.datasurface.yaml;

import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.PathType;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.datasurface.diagnostics.Problem;
import io.datasurface.diagnostics.Severity;
import io.datasurface.model.ModelPaths;
import io.datasurface.model.ObjectPath;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.Optional;

/**
 * The JSON Schema of model files ({@code schema/datasurface.schema.json} in this jar). Editors use
 * the same file to complete and check the YAML; the loader checks every file against it first. Files without problems
 * are the exception: a {@link ModelEventReader} checks the schema's rules for them on the parser's events and hands any
 * file that breaks one (or that it does not read) back to this check, so that every message is the schema's.
 */
public final class ModelSchema {
    public static final String RESOURCE = "/schema/datasurface.schema.json";
    /** The apiVersion every model file declares: the schema's const. */
    static final String API_VERSION = "datasurface/v1";
    private static final JsonSchema SCHEMA = load();

    private ModelSchema() {
    }

    /** Every way the document breaks the schema, each pointing at the offending line. */
    public static List<Problem> validate(YamlDocument document) {
        return SCHEMA.validate(document.root()).stream()
                .map(m -> toProblem(document, m))
                .sorted(Comparator.comparing((Problem p) -> p.location().orElseThrow().line())
                        .thenComparing(p -> p.location().orElseThrow().column())
                        .thenComparing(Problem::message))
                .distinct()
                .toList();
    }

    private static Problem toProblem(YamlDocument document, ValidationMessage message) {
        String pointer = message.getInstanceLocation().toString();
        String at = pointer.isEmpty() ? "the file" : pointer;
        if (message.getProperty() != null && "additionalProperties".equals(message.getType())) {
            pointer = pointer + "/" + message.getProperty();
        }
        return new Problem(Severity.ERROR, "schema", objectPath(document, message.getInstanceLocation().toString()),
                Optional.of(document.locate(pointer)), at + ": " + message.getError() + " (see " + RESOURCE.substring(1) + ")");
    }

    /** The kind of object each list field of a model file holds. */
    private static final Map<String, String> ELEMENT_KINDS = Map.ofEntries(
            Map.entry("platforms", "platform"), Map.entry("vendors", "vendor"), Map.entry("locations", "location"),
            Map.entry("zones", "zone declaration"), Map.entry("teams", "team declaration"), Map.entry("datastores", "datastore"),
            Map.entry("datasets", "dataset"), Map.entry("columns", "column"), Map.entry("workspaces", "workspace"),
            Map.entry("groups", "group"), Map.entry("sinks", "sink"));

    /**
     * Names the object a JSON pointer falls in as a reader would ({@code zone USA / team sales /
     * datastore customer_db}), following the named list elements on the way down.
     */
    static ObjectPath objectPath(YamlDocument document, String pointer) {
        JsonNode root = document.root();
        Matcher zoneFolder = ModelLayout.ZONE_FOLDER.matcher(document.file());
        String zone = zoneFolder.matches() ? zoneFolder.group(1) : "";
        ObjectPath path = ModelKind.fromYaml(root.path("kind").asText()).map(kind -> switch (kind) {
            case ZONE -> ModelPaths.zone(root.path("name").asText(zone));
            case TEAM -> ModelPaths.team(zone, root.path("name").asText());
            case ECOSYSTEM -> ObjectPath.ROOT;
        }).orElse(ObjectPath.ROOT);
        JsonNode node = root;
        String[] segments = pointer.isEmpty() ? new String[0] : pointer.substring(1).split("/");
        for (int i = 0; i < segments.length; i++) {
            String field = segments[i].replace("~1", "/").replace("~0", "~");
            node = node.isArray() ? node.path(parseIndex(field)) : node.path(field);
            String elementKind = ELEMENT_KINDS.get(field);
            if (elementKind != null && i + 1 < segments.length && node.isArray()) {
                JsonNode element = node.path(parseIndex(segments[i + 1]));
                String name = element.hasNonNull("name") ? element.path("name").asText()
                        : element.has("datastore") ? element.path("datastore").asText() + "." + element.path("dataset").asText()
                        : "#" + segments[i + 1];
                path = path.child(elementKind, name);
                node = element;
                i++;
            }
        }
        return path;
    }

    private static int parseIndex(String segment) {
        try {
            return Integer.parseInt(segment);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static JsonSchema load() {
        try (InputStream in = ModelSchema.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the classpath");
            }
            SchemaValidatorsConfig config = SchemaValidatorsConfig.builder().pathType(PathType.JSON_POINTER).build();
            return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(in, config);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
