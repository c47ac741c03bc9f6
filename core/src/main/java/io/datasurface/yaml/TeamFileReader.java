package io.datasurface.yaml;

import io.datasurface.model.CaptureMetaData;
import io.datasurface.model.Column;
import io.datasurface.model.Credential;
import io.datasurface.model.DataType;
import io.datasurface.model.Dataset;
import io.datasurface.model.DatasetGroup;
import io.datasurface.model.DatasetSink;
import io.datasurface.model.Datastore;
import io.datasurface.model.Documentation;
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
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Reads a team file from the parser's events (see {@link ModelEventReader}) into its team and where each of its objects
 * starts. Team files are almost all of a large model's text.
 */
final class TeamFileReader extends ModelEventReader {

    private TeamFileReader(String file, String text) {
        super(file, text);
    }

    /**
     * The team of a team file at {@code file} in {@code zone}, named for {@code name}, as the tree path would read it
     * from a file without problems; empty when the file has any, or holds anything this reader does not read.
     */
    static Optional<ModelLoader.TeamRead> read(String file, String text, String zone, String name) {
        return attempt(() -> new TeamFileReader(file, text).team(zone, name));
    }

    private ModelLoader.TeamRead team(String zone, String expectedName) {
        TeamFields fields = document(new TeamFields(), ModelKind.TEAM);
        require(expectedName.equals(fields.name));
        List<Place> places = new ArrayList<>(fields.stores.places);
        places.addAll(fields.workspaces.places);
        Team team = new Team(fields.name, fields.documentation, fields.stores.values, fields.workspaces.values);
        return new ModelLoader.TeamRead(team, new TeamLocations(file, ModelPaths.team(zone, fields.name), fields.mark, places), List.of());
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

    private final class TeamFields extends RootFields {
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
        void field(String key) {
            switch (key) {
                case "documentation" -> documentation = new Documentation(string());
                case "datastores" -> stores.read();
                case "workspaces" -> workspaces.read();
                default -> throw unknown();
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
                case "name" -> name = name();
                case "documentation" -> documentation = new Documentation(string());
                case "location" -> location = Optional.of(LocationRef.parse(string()));
                case "capture" -> {
                    CaptureFields fields = new CaptureFields();
                    fields.read();
                    capture = Optional.of(fields.capture());
                }
                case "datasets" -> datasets.read();
                default -> throw unknown();
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
                case "kind" -> kind = string();
                case "topicPrefix" -> topicPrefix = nonEmpty(string());
                case "jdbcUrl" -> jdbcUrl = nonEmpty(string());
                case "credential" -> credential = credential();
                case "transactions" -> transactions = TransactionScope.fromYaml(string());
                case "schedule" -> schedule = Optional.of(duration());
                default -> throw unknown();
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
                default -> throw unknown();
            };
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
                case "name" -> name = name();
                case "documentation" -> documentation = new Documentation(string());
                case "classification" -> classification = string();
                case "deprecated" -> deprecated = bool();
                case "columns" -> columns.read();
                default -> throw unknown();
            }
        }

        Dataset dataset() {
            require(name != null && classification != null && has("columns"));
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
                case "name" -> name = name();
                case "type" -> type = string();
                case "nullable" -> nullable = bool();
                case "key" -> key = bool();
                case "classification" -> classification = Optional.of(string());
                default -> throw unknown();
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
                case "name" -> name = name();
                case "documentation" -> documentation = new Documentation(string());
                case "platform" -> platform = nonEmpty(string());
                case "groups" -> groups.read();
                default -> throw unknown();
            }
        }

        Workspace workspace() {
            require(name != null && platform != null && has("groups"));
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
                case "name" -> name = name();
                case "milestoning" -> milestoning = Milestoning.fromYaml(string());
                case "sinks" -> sinks.read();
                default -> throw unknown();
            }
        }

        DatasetGroup group() {
            require(name != null && has("sinks"));
            return new DatasetGroup(name, milestoning, sinks.values);
        }
    }

    private final class SinkFields extends Fields {
        String datastore;
        String dataset;

        @Override
        void value(String key) {
            switch (key) {
                case "datastore" -> datastore = string();
                case "dataset" -> dataset = string();
                default -> throw unknown();
            }
        }
    }
}
