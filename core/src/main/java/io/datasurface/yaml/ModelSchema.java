package io.datasurface.yaml;

import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.PathType;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.datasurface.lint.Problem;
import io.datasurface.lint.Severity;
import io.datasurface.model.ObjectPath;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The JSON Schema of model files ({@code schema/datasurface.schema.json} in this jar). Editors use
 * the same file to complete and check the YAML; the loader checks every file against it first.
 */
public final class ModelSchema {
    public static final String RESOURCE = "/schema/datasurface.schema.json";
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
        return new Problem(Severity.ERROR, "schema", ObjectPath.of("file", document.file()), Optional.of(document.locate(pointer)),
                at + ": " + message.getError() + " (see " + RESOURCE.substring(1) + ")");
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
