package io.datasurface.yaml;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.datasurface.model.SourceLocation;
import java.io.StringReader;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * One parsed YAML file as a JSON tree (which the JSON Schema validates) together with the line and
 * column of every node, keyed by JSON pointer, so that every later error can point into the file.
 */
public final class YamlDocument {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private final String file;
    private final JsonNode root;
    private final Map<String, SourceLocation> locations;

    private YamlDocument(String file, JsonNode root, Map<String, SourceLocation> locations) {
        this.file = file;
        this.root = root;
        this.locations = locations;
    }

    /**
     * @throws YamlSyntaxException with the file, line and column when the text is not YAML, holds
     *     more than one document, repeats a key, or is not a mapping at the top
     */
    public static YamlDocument parse(String file, String text) throws YamlSyntaxException {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        Node node;
        try {
            Yaml yaml = new Yaml(new SafeConstructor(options));
            node = yaml.compose(new StringReader(text));
        } catch (MarkedYAMLException e) {
            Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            throw new YamlSyntaxException(location(file, mark), e.getProblem() + (e.getContext() != null ? " (" + e.getContext() + ")" : ""));
        } catch (RuntimeException e) {
            throw new YamlSyntaxException(SourceLocation.ofFile(file), "not readable as YAML: " + e.getMessage());
        }
        if (node == null) {
            throw new YamlSyntaxException(SourceLocation.ofFile(file), "the file is empty: it must hold one mapping with apiVersion, kind and name");
        }
        if (!(node instanceof MappingNode)) {
            throw new YamlSyntaxException(location(file, node.getStartMark()), "the file must hold one mapping with apiVersion, kind and name");
        }
        Map<String, SourceLocation> locations = new HashMap<>();
        JsonNode root = convert(file, node, "", locations);
        return new YamlDocument(file, root, locations);
    }

    public String file() {
        return file;
    }

    public JsonNode root() {
        return root;
    }

    /** The location of the node at the JSON pointer, or of its nearest ancestor. */
    public SourceLocation locate(String pointer) {
        String current = pointer;
        while (true) {
            SourceLocation location = locations.get(current);
            if (location != null) {
                return location;
            }
            if (current.isEmpty()) {
                return SourceLocation.ofFile(file);
            }
            current = current.substring(0, Math.max(0, current.lastIndexOf('/')));
        }
    }

    private static JsonNode convert(String file, Node node, String pointer, Map<String, SourceLocation> locations) throws YamlSyntaxException {
        locations.putIfAbsent(pointer, location(file, node.getStartMark()));
        if (node instanceof MappingNode mapping) {
            ObjectNode object = JSON.objectNode();
            for (NodeTuple tuple : mapping.getValue()) {
                if (!(tuple.getKeyNode() instanceof ScalarNode key)) {
                    throw new YamlSyntaxException(location(file, tuple.getKeyNode().getStartMark()), "keys must be plain names");
                }
                if (object.has(key.getValue())) {
                    throw new YamlSyntaxException(location(file, key.getStartMark()), "duplicate key " + key.getValue()
                            + ": each key may appear once in a mapping; remove or merge the repeated one");
                }
                String childPointer = pointer + "/" + escape(key.getValue());
                locations.put(childPointer, location(file, key.getStartMark()));
                object.set(key.getValue(), convert(file, tuple.getValueNode(), childPointer, locations));
            }
            return object;
        }
        if (node instanceof SequenceNode sequence) {
            ArrayNode array = JSON.arrayNode();
            List<Node> items = sequence.getValue();
            for (int i = 0; i < items.size(); i++) {
                array.add(convert(file, items.get(i), pointer + "/" + i, locations));
            }
            return array;
        }
        ScalarNode scalar = (ScalarNode) node;
        return scalar(scalar);
    }

    private static JsonNode scalar(ScalarNode scalar) {
        String value = scalar.getValue();
        Tag tag = scalar.getTag();
        if (Tag.NULL.equals(tag)) {
            return JSON.nullNode();
        }
        if (Tag.BOOL.equals(tag)) {
            return JSON.booleanNode(Boolean.parseBoolean(value.toLowerCase(java.util.Locale.ENGLISH)));
        }
        if (Tag.INT.equals(tag)) {
            try {
                return JSON.numberNode(Long.parseLong(value.replace("_", "")));
            } catch (NumberFormatException e) {
                return JSON.textNode(value);
            }
        }
        if (Tag.FLOAT.equals(tag)) {
            try {
                return JSON.numberNode(Double.parseDouble(value.replace("_", "")));
            } catch (NumberFormatException e) {
                return JSON.textNode(value);
            }
        }
        return JSON.textNode(value);
    }

    private static String escape(String key) {
        return key.replace("~", "~0").replace("/", "~1");
    }

    private static SourceLocation location(String file, Mark mark) {
        return mark == null ? SourceLocation.ofFile(file) : new SourceLocation(file, mark.getLine() + 1, mark.getColumn() + 1);
    }
}
