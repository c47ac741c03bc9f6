package io.datasurface.yaml;

import io.datasurface.model.Credential;
import io.datasurface.model.CredentialKind;
import io.datasurface.model.Durations;
import io.datasurface.model.Repository;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Supplier;
import org.yaml.snakeyaml.events.Event;
import org.yaml.snakeyaml.events.MappingStartEvent;
import org.yaml.snakeyaml.events.ScalarEvent;
import org.yaml.snakeyaml.events.SequenceStartEvent;

/**
 * Reads one model file straight from the parser's events, checking on the way the schema's rules for its kind, the
 * layout's, and the values the tree path's {@link ModelReader} parses (types, durations, enumerations).
 *
 * <p>The tree path builds a JSON tree of each file, walks it once for the JSON Schema check and once more to read the
 * records; a reader of events does neither, and a model without problems never loads the JSON Schema validator at
 * all. A reader is exact only about what it accepts: anything else (a broken rule, a YAML error, a duplicate key, an
 * alias, a second document) makes it give up, and the file takes the tree path, which reports every problem with the
 * schema's own messages. Giving up too often costs time, never a message. {@code ModelEventReaderTest} holds the two
 * paths equal on the examples and on thousands of edits of them.
 */
abstract class ModelEventReader {
    protected final String file;
    private final Iterator<Event> events;
    /** An event read ahead, to be read again: where a sequence's next event turned out not to end it. */
    private Event pending;
    private final Map<String, String> names = new HashMap<>();

    ModelEventReader(String file, String text) {
        this.file = file;
        this.events = YamlDocument.events(text).iterator();
    }

    /** What {@code read} gives, or empty where the file has a problem or holds anything the reader does not read. */
    static <T> Optional<T> attempt(Supplier<T> read) {
        try {
            return Optional.of(read.get());
        } catch (RuntimeException giveUp) {
            // GiveUp, the parser's YAML errors and the model records' own checks alike: the tree path reports them.
            return Optional.empty();
        }
    }

    static void require(boolean condition) {
        GiveUp.unless(condition);
    }

    /** Gives up: the key is not one the schema allows here. */
    static RuntimeException unknown() {
        return GiveUp.INSTANCE;
    }

    /** Reads the file's one document, whose root mapping is {@code root}, with the apiVersion and kind it must declare. */
    final <F extends RootFields> F document(F root, ModelKind kind) {
        require(next().is(Event.ID.StreamStart));
        require(next().is(Event.ID.DocumentStart));
        root.read();
        require(next().is(Event.ID.DocumentEnd));
        require(next().is(Event.ID.StreamEnd));
        require(ModelSchema.API_VERSION.equals(root.apiVersion) && kind.yamlName().equals(root.kind) && root.name != null);
        return root;
    }

    // ---- events ----------------------------------------------------------------------------

    private Event next() {
        if (pending != null) {
            Event event = pending;
            pending = null;
            return event;
        }
        require(events.hasNext());
        return events.next();
    }

    private ScalarEvent scalar() {
        Event event = next();
        require(event instanceof ScalarEvent);
        return (ScalarEvent) event;
    }

    /** A scalar that the tree path reads as a string (not null, a boolean or a number: the same rules). */
    final String string() {
        ScalarEvent scalar = scalar();
        require(YamlDocument.scalar(scalar).isTextual());
        return scalar.getValue();
    }

    /**
     * The schema's name: a string of at least one character. One instance per name and file: a team's datasets repeat
     * their column names (id, created_at ...) many times, and each copy would stay alive as long as the model.
     */
    final String name() {
        String name = nonEmpty(string());
        String known = names.putIfAbsent(name, name);
        return known != null ? known : name;
    }

    static String nonEmpty(String value) {
        require(!value.isEmpty());
        return value;
    }

    /** A string among the schema's enumeration {@code allowed}. */
    final String oneOf(List<String> allowed) {
        String value = string();
        require(allowed.contains(value));
        return value;
    }

    final boolean bool() {
        var node = YamlDocument.scalar(scalar());
        require(node.isBoolean());
        return node.booleanValue();
    }

    /** The schema's integer within [min, max]; only a plain whole number, as the tree reads it. */
    final int integer(int min, int max) {
        var node = YamlDocument.scalar(scalar());
        require(node.isIntegralNumber() && node.canConvertToInt() && node.intValue() >= min && node.intValue() <= max);
        return node.intValue();
    }

    /** The schema's duration: digits then s, m, h or d; read as the tree path's reader reads it. */
    final Duration duration() {
        String text = string();
        require(text.length() >= 2 && "smhd".indexOf(text.charAt(text.length() - 1)) >= 0);
        for (int i = 0; i < text.length() - 1; i++) {
            require(text.charAt(i) >= '0' && text.charAt(i) <= '9');
        }
        return Durations.parse(text);
    }

    /** The schema's credential: a name and a kind. */
    final Credential credential() {
        CredentialFields fields = new CredentialFields();
        fields.read();
        require(fields.name != null && fields.kind != null);
        return new Credential(fields.name, CredentialKind.fromYaml(fields.kind));
    }

    /** The schema's repository: a repo and a branch, neither empty. */
    final Repository repository() {
        RepositoryFields fields = new RepositoryFields();
        fields.read();
        require(fields.repo != null && fields.branch != null);
        return new Repository(fields.repo, fields.branch);
    }

    /**
     * A mapping of the schema: each key once, only the keys it names. {@link #read} consumes the whole mapping and
     * hands each key to {@link #value}, which reads that key's value or gives up on a key the schema does not allow.
     */
    abstract class Fields {
        /** The keys read so far: a schema's mapping has a handful, so a scan beats a set. */
        private String[] keys = new String[6];
        private int count;
        long mark;

        final void read() {
            Event start = next();
            require(start instanceof MappingStartEvent);
            mark = YamlDocument.pack(start.getStartMark());
            while (true) {
                Event event = next();
                if (event.is(Event.ID.MappingEnd)) {
                    return;
                }
                require(event instanceof ScalarEvent);
                ScalarEvent scalar = (ScalarEvent) event;
                require(YamlDocument.scalar(scalar).isTextual());
                String key = scalar.getValue();
                require(!has(key));
                if (count == keys.length) {
                    keys = Arrays.copyOf(keys, count * 2);
                }
                keys[count++] = key;
                value(key);
            }
        }

        /** Whether the mapping had this key. */
        final boolean has(String key) {
            for (int i = 0; i < count; i++) {
                if (keys[i].equals(key)) {
                    return true;
                }
            }
            return false;
        }

        abstract void value(String key);
    }

    /** The root mapping of a model file: apiVersion, kind and name, then what its kind adds ({@link #field}). */
    abstract class RootFields extends Fields {
        String apiVersion;
        String kind;
        String name;

        @Override
        final void value(String key) {
            switch (key) {
                case "apiVersion" -> apiVersion = string();
                case "kind" -> kind = string();
                case "name" -> name = name();
                default -> field(key);
            }
        }

        /** Reads a field of the file's kind. */
        abstract void field(String key);
    }

    private final class CredentialFields extends Fields {
        String name;
        String kind;

        @Override
        void value(String key) {
            switch (key) {
                case "name" -> name = name();
                case "kind" -> kind = string();
                default -> throw unknown();
            }
        }
    }

    private final class RepositoryFields extends Fields {
        String repo;
        String branch;

        @Override
        void value(String key) {
            switch (key) {
                case "repo" -> repo = nonEmpty(string());
                case "branch" -> branch = nonEmpty(string());
                default -> throw unknown();
            }
        }
    }

    /**
     * A sequence of declarations of parts of the model and who owns them (a zone's teams, the ecosystem's zones): each a
     * name and an owner, made into a value of {@code into} by {@code make}; where each starts goes into {@code marks}.
     */
    final <T> void declarations(List<T> into, List<Long> marks, BiFunction<String, Repository, T> make) {
        new Items<T>() {
            @Override
            void item() {
                DeclarationFields declaration = new DeclarationFields();
                declaration.read();
                require(declaration.name != null && declaration.owner != null);
                into.add(make.apply(declaration.name, declaration.owner));
                marks.add(declaration.mark);
            }
        }.read();
    }

    private final class DeclarationFields extends Fields {
        String name;
        Repository owner;

        @Override
        void value(String key) {
            switch (key) {
                case "name" -> name = name();
                case "owner" -> owner = repository();
                default -> throw unknown();
            }
        }
    }

    /** A sequence of objects of one kind. */
    abstract class Items<T> {
        final List<T> values = new ArrayList<>();

        final void read() {
            require(next() instanceof SequenceStartEvent);
            while (true) {
                // The events cannot be peeked at: the one read here is handed back to the item's mapping.
                Event event = next();
                if (event.is(Event.ID.SequenceEnd)) {
                    return;
                }
                pending = event;
                item();
            }
        }

        abstract void item();
    }

    /** A sequence of strings. */
    final List<String> strings() {
        Items<String> strings = new Items<>() {
            @Override
            void item() {
                values.add(string());
            }
        };
        strings.read();
        return strings.values;
    }
}
