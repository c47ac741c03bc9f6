package io.datasurface.yaml;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.datasurface.model.SourceLocation;
import java.io.StringReader;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
import org.yaml.snakeyaml.events.AliasEvent;
import org.yaml.snakeyaml.events.CollectionStartEvent;
import org.yaml.snakeyaml.events.DocumentStartEvent;
import org.yaml.snakeyaml.events.Event;
import org.yaml.snakeyaml.events.MappingStartEvent;
import org.yaml.snakeyaml.events.ScalarEvent;
import org.yaml.snakeyaml.events.SequenceStartEvent;

/**
 * One parsed YAML file as a JSON tree (which the JSON Schema validates) together with where its
 * mappings and sequences start, so that every later error can point into the file. Plain scalars
 * follow the YAML 1.2 core schema: only true/false are booleans, so {@code NO} stays a string.
 *
 * <p>The tree is built straight from the parser's events, and the exact place of every key is only
 * worked out when an error needs it: models run to tens of megabytes, and a map from every node's
 * JSON pointer to its location would cost more than the parsing itself.
 */
public final class YamlDocument {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private final String file;
    private final String text;
    private final JsonNode root;
    private Map<String, SourceLocation> pointerLocations;

    private YamlDocument(String file, String text, JsonNode root) {
        this.file = file;
        this.text = text;
        this.root = root;
    }

    /**
     * @throws YamlSyntaxException with the file, line and column when the text is not YAML, holds
     *     more than one document, repeats a key, uses aliases, or is not a mapping at the top
     */
    public static YamlDocument parse(String file, String text) throws YamlSyntaxException {
        Deque<Frame> stack = new ArrayDeque<>();
        Map<String, String> keys = new HashMap<>();
        JsonNode root = null;
        int documents = 0;
        try {
            for (Event event : events(text)) {
                if (event instanceof DocumentStartEvent && ++documents > 1) {
                    throw new YamlSyntaxException(location(file, event.getStartMark()), "a model file holds one document: remove the extra '---'");
                } else if (event instanceof AliasEvent) {
                    throw new YamlSyntaxException(location(file, event.getStartMark()), "aliases (*name) are not supported in model files: write the value out");
                } else if (event instanceof CollectionStartEvent) {
                    long mark = pack(event.getStartMark());
                    JsonNode container = event instanceof MappingStartEvent ? new MarkedObject(mark) : new MarkedArray(mark);
                    if (stack.isEmpty()) {
                        root = container;
                    } else {
                        stack.peek().add(file, container, event.getStartMark());
                    }
                    stack.push(new Frame(container, keys));
                } else if (event.is(Event.ID.MappingEnd) || event.is(Event.ID.SequenceEnd)) {
                    stack.pop();
                } else if (event instanceof ScalarEvent scalar) {
                    if (stack.isEmpty()) {
                        throw new YamlSyntaxException(location(file, event.getStartMark()), "the file must hold one mapping with apiVersion, kind and name");
                    }
                    stack.peek().add(file, scalar(scalar), event.getStartMark());
                }
            }
        } catch (MarkedYAMLException e) {
            Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            throw new YamlSyntaxException(location(file, mark), e.getProblem() + (e.getContext() != null ? " (" + e.getContext() + ")" : ""));
        } catch (RuntimeException e) {
            throw new YamlSyntaxException(SourceLocation.ofFile(file), "not readable as YAML: " + e.getMessage());
        }
        if (root == null) {
            throw new YamlSyntaxException(SourceLocation.ofFile(file), "the file is empty: it must hold one mapping with apiVersion, kind and name");
        }
        if (!root.isObject()) {
            throw new YamlSyntaxException(SourceLocation.ofFile(file), "the file must hold one mapping with apiVersion, kind and name");
        }
        return new YamlDocument(file, text, root);
    }

    public String file() {
        return file;
    }

    public JsonNode root() {
        return root;
    }

    /** Where a mapping or sequence of this document starts. */
    public SourceLocation locate(JsonNode container) {
        if (!(container instanceof Marked marked)) {
            return SourceLocation.ofFile(file);
        }
        return location(file, marked.mark());
    }

    /** The location of the node at the JSON pointer (a key's own line for a field), or of its nearest ancestor. */
    public synchronized SourceLocation locate(String pointer) {
        if (pointerLocations == null) {
            pointerLocations = pointerLocations(file, text);
        }
        String current = pointer;
        while (true) {
            SourceLocation location = pointerLocations.get(current);
            if (location != null) {
                return location;
            }
            if (current.isEmpty()) {
                return SourceLocation.ofFile(file);
            }
            current = current.substring(0, Math.max(0, current.lastIndexOf('/')));
        }
    }

    /**
     * A mapping or sequence that knows where it starts (line and column packed in one long). Keeping the place in the
     * node, rather than in a map beside the tree, saves a lookup and a boxed value per node of a tree that runs to
     * millions of nodes.
     */
    private interface Marked {
        long mark();
    }

    /** Most mappings of a model file (columns, sinks) have a handful of keys, so the table starts small. */
    private static final class MarkedObject extends ObjectNode implements Marked {
        private static final long serialVersionUID = 1L;
        private final long mark;

        MarkedObject(long mark) {
            super(JSON, new LinkedHashMap<>(8));
            this.mark = mark;
        }

        @Override
        public long mark() {
            return mark;
        }
    }

    private static final class MarkedArray extends ArrayNode implements Marked {
        private static final long serialVersionUID = 1L;
        private final long mark;

        MarkedArray(long mark) {
            super(JSON);
            this.mark = mark;
        }

        @Override
        public long mark() {
            return mark;
        }
    }

    /** A mapping or sequence being filled; a mapping alternates between expecting a key and its value. */
    private static final class Frame {
        private final JsonNode node;
        private final Map<String, String> keys;
        private String pendingKey;

        Frame(JsonNode node, Map<String, String> keys) {
            this.node = node;
            this.keys = keys;
        }

        void add(String file, JsonNode value, Mark mark) throws YamlSyntaxException {
            if (node instanceof ArrayNode array) {
                array.add(value);
                return;
            }
            ObjectNode object = (ObjectNode) node;
            if (pendingKey == null) {
                if (!value.isValueNode()) {
                    throw new YamlSyntaxException(location(file, mark), "keys must be plain names");
                }
                pendingKey = keys.computeIfAbsent(value.isNull() ? "null" : value.asText(), String::intern);
                if (object.has(pendingKey)) {
                    throw new YamlSyntaxException(location(file, mark), "duplicate key " + pendingKey
                            + ": each key may appear once in a mapping; remove or merge the repeated one");
                }
                return;
            }
            object.set(pendingKey, value);
            pendingKey = null;
        }
    }

    /**
     * The parser's events of a model file's text: the one parse both the tree and {@link ModelEventReader} read, so
     * that they see the same events. Text in the part of YAML model files are written in is read by
     * {@link ModelYamlScanner}, which gives SnakeYAML's events faster; SnakeYAML parses the rest.
     */
    static Iterable<Event> events(String text) {
        Optional<List<Event>> scanned = ModelYamlScanner.events(text);
        if (scanned.isPresent()) {
            return scanned.get();
        }
        return new Yaml(new SafeConstructor(new LoaderOptions())).parse(new StringReader(text));
    }

    /** A scalar's JSON value: the one fact of how a plain scalar resolves, which {@link ModelEventReader} reads by too. */
    static JsonNode scalar(ScalarEvent event) {
        String value = event.getValue();
        if (!event.getImplicit().canOmitTagInPlainScalar()) {
            return JSON.textNode(value);
        }
        switch (value) {
            case "", "~", "null", "Null", "NULL":
                return JSON.nullNode();
            case "true", "True", "TRUE":
                return JSON.booleanNode(true);
            case "false", "False", "FALSE":
                return JSON.booleanNode(false);
            default:
                break;
        }
        if (looksNumeric(value)) {
            try {
                return JSON.numberNode(Long.parseLong(value));
            } catch (NumberFormatException notAnInteger) {
                try {
                    return JSON.numberNode(Double.parseDouble(value));
                } catch (NumberFormatException notANumber) {
                    return JSON.textNode(value);
                }
            }
        }
        return JSON.textNode(value);
    }

    private static boolean looksNumeric(String value) {
        char first = value.charAt(0);
        if (!(first >= '0' && first <= '9') && first != '-' && first != '+' && first != '.') {
            return false;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (!((c >= '0' && c <= '9') || c == '.' || c == 'e' || c == 'E' || c == '-' || c == '+')) {
                return false;
            }
        }
        return true;
    }

    /** Every node's location by JSON pointer, fields located at their key; only worked out for error messages. */
    private static Map<String, SourceLocation> pointerLocations(String file, String text) {
        Map<String, SourceLocation> locations = new HashMap<>();
        // The parse that built the tree has no nesting limit; composing the same text again must not fail where it did not.
        LoaderOptions options = new LoaderOptions();
        options.setNestingDepthLimit(Integer.MAX_VALUE);
        Node node = new Yaml(new SafeConstructor(options)).compose(new StringReader(text));
        collect(file, node, "", locations);
        return locations;
    }

    private static void collect(String file, Node node, String pointer, Map<String, SourceLocation> locations) {
        locations.putIfAbsent(pointer, location(file, node.getStartMark()));
        if (node instanceof MappingNode mapping) {
            for (NodeTuple tuple : mapping.getValue()) {
                if (tuple.getKeyNode() instanceof ScalarNode key) {
                    String childPointer = pointer + "/" + key.getValue().replace("~", "~0").replace("/", "~1");
                    locations.putIfAbsent(childPointer, location(file, key.getStartMark()));
                    collect(file, tuple.getValueNode(), childPointer, locations);
                }
            }
        } else if (node instanceof SequenceNode sequence) {
            List<Node> items = sequence.getValue();
            for (int i = 0; i < items.size(); i++) {
                collect(file, items.get(i), pointer + "/" + i, locations);
            }
        }
    }

    /** A mark's line and column (both from 1) in one long: the line in the high half. */
    static long pack(Mark mark) {
        return ((long) (mark.getLine() + 1) << 32) | (mark.getColumn() + 1);
    }

    /** The location of a {@link #pack packed} mark in the file. */
    static SourceLocation location(String file, long mark) {
        return new SourceLocation(file, (int) (mark >>> 32), (int) mark);
    }

    private static SourceLocation location(String file, Mark mark) {
        return mark == null ? SourceLocation.ofFile(file) : new SourceLocation(file, mark.getLine() + 1, mark.getColumn() + 1);
    }
}
