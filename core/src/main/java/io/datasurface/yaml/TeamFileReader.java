package io.datasurface.yaml;

import io.datasurface.model.CaptureMetaData;
import io.datasurface.model.Column;
import io.datasurface.model.Credential;
import io.datasurface.model.CredentialKind;
import io.datasurface.model.DataType;
import io.datasurface.model.Dataset;
import io.datasurface.model.DatasetGroup;
import io.datasurface.model.DatasetSink;
import io.datasurface.model.Datastore;
import io.datasurface.model.Documentation;
import io.datasurface.model.Durations;
import io.datasurface.model.LocationRef;
import io.datasurface.model.Milestoning;
import io.datasurface.model.ModelPaths;
import io.datasurface.model.Schema;
import io.datasurface.model.Team;
import io.datasurface.model.TransactionScope;
import io.datasurface.model.Workspace;
import io.datasurface.yaml.TeamLocations.Branch;
import io.datasurface.yaml.TeamLocations.Leaves;
import io.datasurface.yaml.TeamLocations.Place;
import java.io.StringReader;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.events.Event;
import org.yaml.snakeyaml.events.MappingStartEvent;
import org.yaml.snakeyaml.events.ScalarEvent;
import org.yaml.snakeyaml.events.SequenceStartEvent;

/**
 * Reads a team file straight from the parser's events into its team and the source location of each of its objects,
 * checking on the way the schema's rules for a team file, the layout's (kind Team, the name its file is named for) and
 * the values the tree path's reader parses (column types, durations, enumerations).
 *
 * <p>Team files are almost all of a large model's text. The tree path builds a JSON tree of each, walks it once for
 * the JSON Schema check and once more to read the records; this reader does neither. It is exact only about what it
 * accepts: anything else (a broken rule, a YAML error, a duplicate key, an alias, a second document) makes it give
 * up, and the file takes the tree path, which reports every problem with the schema's own messages. Giving up too
 * often costs time, never a message. {@code TeamFileReaderTest} holds the two paths equal on the examples and on
 * hundreds of edits of them.
 */
final class TeamFileReader {
    private final String file;
    private final Iterator<Event> events;
    /** An event read ahead, to be read again: where a sequence's next event turned out not to end it. */
    private Event pending;
    private final Map<String, String> names = new HashMap<>();

    private TeamFileReader(String file, String text) {
        this.file = file;
        this.events = new Yaml(new SafeConstructor(new LoaderOptions())).parse(new StringReader(text)).iterator();
    }

    /**
     * The team of a team file at {@code file} in {@code zone}, named for {@code name}, as the tree path would read it
     * from a file without problems; empty when the file has any, or holds anything this reader does not read.
     */
    static Optional<ModelLoader.TeamRead> read(String file, String text, String zone, String name) {
        try {
            return Optional.of(new TeamFileReader(file, text).team(zone, name));
        } catch (RuntimeException giveUp) {
            // GiveUp, the parser's YAML errors and the model records' own checks alike: the tree path reports them.
            return Optional.empty();
        }
    }

    /** Thrown where the file is not one this reader accepts; no stack trace, as it only means "take the tree path". */
    private static final class GiveUp extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private static final GiveUp INSTANCE = new GiveUp();

        private GiveUp() {
            super("not read by events", null, false, false);
        }
    }

    private static void require(boolean condition) {
        if (!condition) {
            throw GiveUp.INSTANCE;
        }
    }

    private ModelLoader.TeamRead team(String zone, String expectedName) {
        require(next().is(Event.ID.StreamStart));
        require(next().is(Event.ID.DocumentStart));
        TeamFields fields = new TeamFields();
        fields.read();
        require(next().is(Event.ID.DocumentEnd));
        require(next().is(Event.ID.StreamEnd));
        require(ModelSchema.API_VERSION.equals(fields.apiVersion) && "Team".equals(fields.kind) && expectedName.equals(fields.name));

        List<Place> places = new ArrayList<>(fields.stores.places);
        places.addAll(fields.workspaces.places);
        Team team = new Team(fields.name, fields.documentation, fields.stores.values, fields.workspaces.values);
        return new ModelLoader.TeamRead(team, new TeamLocations(file, ModelPaths.team(zone, fields.name), fields.mark, places), List.of());
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

    /** A scalar that the tree path reads as a string (not null, a boolean or a number: the same rules). */
    private String string() {
        Event event = next();
        require(event instanceof ScalarEvent);
        ScalarEvent scalar = (ScalarEvent) event;
        require(YamlDocument.scalar(scalar).isTextual());
        return scalar.getValue();
    }

    /**
     * The schema's name: a string of at least one character. One instance per name and file: a team's datasets repeat
     * their column names (id, created_at ...) many times, and each copy would stay alive as long as the model.
     */
    private String name() {
        String name = nonEmpty(string());
        String known = names.putIfAbsent(name, name);
        return known != null ? known : name;
    }

    private static String nonEmpty(String value) {
        require(!value.isEmpty());
        return value;
    }

    private boolean bool() {
        Event event = next();
        require(event instanceof ScalarEvent);
        var node = YamlDocument.scalar((ScalarEvent) event);
        require(node.isBoolean());
        return node.booleanValue();
    }

    /** The schema's duration: digits then s, m, h or d; read as the tree path's reader reads it. */
    private Duration duration() {
        String text = string();
        require(text.length() >= 2 && "smhd".indexOf(text.charAt(text.length() - 1)) >= 0);
        for (int i = 0; i < text.length() - 1; i++) {
            require(text.charAt(i) >= '0' && text.charAt(i) <= '9');
        }
        return Durations.parse(text);
    }

    /**
     * A mapping of the schema: each key once, only the keys it names. {@link #read} consumes the whole mapping and
     * hands each key to {@link #value}, which reads that key's value.
     */
    private abstract class Fields {
        private int seen;
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
                ScalarEvent key = (ScalarEvent) event;
                require(YamlDocument.scalar(key).isTextual());
                value(key.getValue());
            }
        }

        /** Marks the field with this number as read; a key that appears twice makes the reader give up. */
        final void once(int field) {
            require((seen & (1 << field)) == 0);
            seen |= 1 << field;
        }

        final boolean seen(int field) {
            return (seen & (1 << field)) != 0;
        }

        abstract void value(String key);
    }

    /** A sequence of objects of one kind. */
    private abstract class Items<T> {
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

    /** Items with children of their own to locate: a place each. */
    private abstract class BranchItems<T> extends Items<T> {
        final List<Place> places = new ArrayList<>();
    }

    /** Items without children of their own to locate: where each starts is kept in one array. */
    private abstract class LeafItems<T> extends Items<T> {
        private long[] marks = new long[8];

        final void add(T value, long mark) {
            if (values.size() == marks.length) {
                marks = Arrays.copyOf(marks, marks.length * 2);
            }
            marks[values.size()] = mark;
            values.add(value);
        }

        final Place place(String kind, Function<T, String> name) {
            return new Leaves<>(kind, values, name, Arrays.copyOf(marks, values.size()));
        }
    }

    // ---- the team file's objects -------------------------------------------------------------

    private final class TeamFields extends Fields {
        String apiVersion;
        String kind;
        String name;
        Documentation documentation = Documentation.NONE;
        final BranchItems<Datastore> stores = new BranchItems<>() {
            @Override
            void item() {
                DatastoreFields store = new DatastoreFields();
                store.read();
                values.add(store.datastore());
                places.add(new Branch("datastore", store.name, store.mark, store.datasets.places));
            }
        };
        final BranchItems<Workspace> workspaces = new BranchItems<>() {
            @Override
            void item() {
                WorkspaceFields workspace = new WorkspaceFields();
                workspace.read();
                values.add(workspace.workspace());
                places.add(new Branch("workspace", workspace.name, workspace.mark, workspace.groups.places));
            }
        };

        @Override
        void value(String key) {
            switch (key) {
                case "apiVersion" -> {
                    once(0);
                    apiVersion = string();
                }
                case "kind" -> {
                    once(1);
                    kind = string();
                }
                case "name" -> {
                    once(2);
                    name = name();
                }
                case "documentation" -> {
                    once(3);
                    documentation = new Documentation(string());
                }
                case "datastores" -> {
                    once(4);
                    stores.read();
                }
                case "workspaces" -> {
                    once(5);
                    workspaces.read();
                }
                default -> throw GiveUp.INSTANCE;
            }
        }
    }

    private final class DatastoreFields extends Fields {
        String name;
        Documentation documentation = Documentation.NONE;
        Optional<LocationRef> location = Optional.empty();
        Optional<CaptureMetaData> capture = Optional.empty();
        final BranchItems<Dataset> datasets = new BranchItems<>() {
            @Override
            void item() {
                DatasetFields dataset = new DatasetFields();
                dataset.read();
                values.add(dataset.dataset());
                places.add(new Branch("dataset", dataset.name, dataset.mark, List.of(dataset.columns.place("column", Column::name))));
            }
        };

        @Override
        void value(String key) {
            switch (key) {
                case "name" -> {
                    once(0);
                    name = name();
                }
                case "documentation" -> {
                    once(1);
                    documentation = new Documentation(string());
                }
                case "location" -> {
                    once(2);
                    location = Optional.of(LocationRef.parse(string()));
                }
                case "capture" -> {
                    once(3);
                    CaptureFields fields = new CaptureFields();
                    fields.read();
                    capture = Optional.of(fields.capture());
                }
                case "datasets" -> {
                    once(4);
                    datasets.read();
                }
                default -> throw GiveUp.INSTANCE;
            }
        }

        Datastore datastore() {
            require(name != null);
            return new Datastore(name, documentation, capture, location, datasets.values);
        }
    }

    private final class CaptureFields extends Fields {
        String kind;
        String topicPrefix;
        String jdbcUrl;
        Credential credential;
        TransactionScope transactions = TransactionScope.SINGLE_DATASET;
        Optional<Duration> schedule = Optional.empty();

        @Override
        void value(String key) {
            switch (key) {
                case "kind" -> {
                    once(0);
                    kind = string();
                }
                case "topicPrefix" -> {
                    once(1);
                    topicPrefix = nonEmpty(string());
                }
                case "jdbcUrl" -> {
                    once(2);
                    jdbcUrl = nonEmpty(string());
                }
                case "credential" -> {
                    once(3);
                    credential = credential();
                }
                case "transactions" -> {
                    once(4);
                    transactions = TransactionScope.fromYaml(string());
                }
                case "schedule" -> {
                    once(5);
                    schedule = Optional.of(duration());
                }
                default -> throw GiveUp.INSTANCE;
            }
        }

        CaptureMetaData capture() {
            require(kind != null);
            return switch (kind) {
                case CaptureMetaData.DebeziumKafka.KIND -> {
                    require(topicPrefix != null && jdbcUrl == null && credential == null);
                    yield new CaptureMetaData.DebeziumKafka(topicPrefix, transactions, schedule);
                }
                case CaptureMetaData.JdbcSnapshot.KIND -> {
                    require(jdbcUrl != null && credential != null && topicPrefix == null);
                    yield new CaptureMetaData.JdbcSnapshot(jdbcUrl, credential, transactions, schedule);
                }
                default -> throw GiveUp.INSTANCE;
            };
        }
    }

    private Credential credential() {
        CredentialFields fields = new CredentialFields();
        fields.read();
        require(fields.name != null && fields.kind != null);
        return new Credential(fields.name, CredentialKind.fromYaml(fields.kind));
    }

    private final class CredentialFields extends Fields {
        String name;
        String kind;

        @Override
        void value(String key) {
            switch (key) {
                case "name" -> {
                    once(0);
                    name = name();
                }
                case "kind" -> {
                    once(1);
                    kind = string();
                }
                default -> throw GiveUp.INSTANCE;
            }
        }
    }

    private final class DatasetFields extends Fields {
        String name;
        Documentation documentation = Documentation.NONE;
        String classification;
        boolean deprecated;
        final LeafItems<Column> columns = new LeafItems<>() {
            @Override
            void item() {
                ColumnFields column = new ColumnFields();
                column.read();
                add(column.column(), column.mark);
            }
        };

        @Override
        void value(String key) {
            switch (key) {
                case "name" -> {
                    once(0);
                    name = name();
                }
                case "documentation" -> {
                    once(1);
                    documentation = new Documentation(string());
                }
                case "classification" -> {
                    once(2);
                    classification = string();
                }
                case "deprecated" -> {
                    once(3);
                    deprecated = bool();
                }
                case "columns" -> {
                    once(4);
                    columns.read();
                }
                default -> throw GiveUp.INSTANCE;
            }
        }

        Dataset dataset() {
            require(name != null && classification != null && seen(4));
            return new Dataset(name, documentation, classification, deprecated, new Schema(columns.values));
        }
    }

    private final class ColumnFields extends Fields {
        String name;
        String type;
        boolean nullable;
        boolean key;
        Optional<String> classification = Optional.empty();

        @Override
        void value(String field) {
            switch (field) {
                case "name" -> {
                    once(0);
                    name = name();
                }
                case "type" -> {
                    once(1);
                    type = string();
                }
                case "nullable" -> {
                    once(2);
                    nullable = bool();
                }
                case "key" -> {
                    once(3);
                    key = bool();
                }
                case "classification" -> {
                    once(4);
                    classification = Optional.of(string());
                }
                default -> throw GiveUp.INSTANCE;
            }
        }

        /** The column; a type the model does not know makes the reader give up, so that the tree path reports it. */
        Column column() {
            require(name != null && type != null);
            return new Column(name, DataType.parse(type), nullable, key, classification);
        }
    }

    private final class WorkspaceFields extends Fields {
        String name;
        Documentation documentation = Documentation.NONE;
        String platform;
        final BranchItems<DatasetGroup> groups = new BranchItems<>() {
            @Override
            void item() {
                GroupFields group = new GroupFields();
                group.read();
                values.add(group.group());
                places.add(new Branch("group", group.name, group.mark, List.of(group.sinks.place("sink", DatasetSink::toString))));
            }
        };

        @Override
        void value(String key) {
            switch (key) {
                case "name" -> {
                    once(0);
                    name = name();
                }
                case "documentation" -> {
                    once(1);
                    documentation = new Documentation(string());
                }
                case "platform" -> {
                    once(2);
                    platform = nonEmpty(string());
                }
                case "groups" -> {
                    once(3);
                    groups.read();
                }
                default -> throw GiveUp.INSTANCE;
            }
        }

        Workspace workspace() {
            require(name != null && platform != null && seen(3));
            return new Workspace(name, documentation, platform, groups.values);
        }
    }

    private final class GroupFields extends Fields {
        String name;
        Milestoning milestoning = Milestoning.LIVE_ONLY;
        final LeafItems<DatasetSink> sinks = new LeafItems<>() {
            @Override
            void item() {
                SinkFields sink = new SinkFields();
                sink.read();
                require(sink.datastore != null && sink.dataset != null);
                add(new DatasetSink(sink.datastore, sink.dataset), sink.mark);
            }
        };

        @Override
        void value(String key) {
            switch (key) {
                case "name" -> {
                    once(0);
                    name = name();
                }
                case "milestoning" -> {
                    once(1);
                    milestoning = Milestoning.fromYaml(string());
                }
                case "sinks" -> {
                    once(2);
                    sinks.read();
                }
                default -> throw GiveUp.INSTANCE;
            }
        }

        DatasetGroup group() {
            require(name != null && seen(2));
            return new DatasetGroup(name, milestoning, sinks.values);
        }
    }

    private final class SinkFields extends Fields {
        String datastore;
        String dataset;

        @Override
        void value(String key) {
            switch (key) {
                case "datastore" -> {
                    once(0);
                    datastore = string();
                }
                case "dataset" -> {
                    once(1);
                    dataset = string();
                }
                default -> throw GiveUp.INSTANCE;
            }
        }
    }
}
