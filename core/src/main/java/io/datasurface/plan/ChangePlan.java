package io.datasurface.plan;

import static java.util.Objects.requireNonNull;

import io.datasurface.kpsg.BatchStream;
import io.datasurface.kpsg.IngestedDataset;
import io.datasurface.kpsg.IntentionGraph;
import io.datasurface.kpsg.MappedColumn;
import io.datasurface.kpsg.PlatformTables;
import io.datasurface.kpsg.TableLayout;
import io.datasurface.load.PlatformResolver;
import io.datasurface.model.Ecosystem;
import io.datasurface.model.Milestoning;
import io.datasurface.render.airflow.AirflowDags;
import io.datasurface.render.connect.SinkConnectors;
import io.datasurface.model.Durations;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What a change will do on each platform once merged: the batch-streams, their Airflow DAGs,
 * Kafka Connect sink connectors, and staging and merge tables that appear, change or go away.
 * Both models' intention graphs are built and compared, so the plan shows exactly what the
 * platform will be asked to run, not what the YAML diff suggests.
 */
public record ChangePlan(List<PlatformPlan> platforms) {
    public ChangePlan {
        platforms = List.copyOf(requireNonNull(platforms, "platforms is null"));
    }

    public enum Action {
        ADDED("+"), ALTERED("~"), REMOVED("-");

        private final String symbol;

        Action(String symbol) {
            this.symbol = symbol;
        }

        public String symbol() {
            return symbol;
        }
    }

    public enum Kind {
        STREAM("batch-stream"), DAG("DAG"), CONNECTOR("connector"), STAGING_TABLE("staging table"), MERGE_TABLE("merge table");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /** One thing the platform will create, change or drop, with what changes in it. */
    public record Item(Action action, Kind kind, String name, List<String> details) {
        public Item {
            requireNonNull(action, "action is null");
            requireNonNull(kind, "kind is null");
            requireNonNull(name, "name is null");
            details = List.copyOf(requireNonNull(details, "details is null"));
        }
    }

    /** A platform's part of the plan; {@code action} is empty when the platform itself stays. */
    public record PlatformPlan(String platform, Optional<Action> action, String schema, List<Item> items) {
        public PlatformPlan {
            requireNonNull(platform, "platform is null");
            requireNonNull(action, "action is null");
            requireNonNull(schema, "schema is null");
            items = List.copyOf(requireNonNull(items, "items is null"));
        }
    }

    public boolean isEmpty() {
        return platforms.stream().allMatch(p -> p.items().isEmpty() && p.action().isEmpty());
    }

    /** Both models must be valid: intention graphs are only built from models that lint clean. */
    public static ChangePlan between(Ecosystem base, Ecosystem head) {
        Set<String> names = new LinkedHashSet<>();
        base.platforms().forEach(p -> names.add(p.name()));
        head.platforms().forEach(p -> names.add(p.name()));
        List<PlatformPlan> plans = new ArrayList<>();
        for (String name : names) {
            Optional<IntentionGraph> before = PlatformResolver.find(base, name);
            Optional<IntentionGraph> after = PlatformResolver.find(head, name);
            if (before.isEmpty() && after.isEmpty()) {
                continue;
            }
            Optional<Action> action = before.isEmpty() ? Optional.of(Action.ADDED) : after.isEmpty() ? Optional.of(Action.REMOVED) : Optional.empty();
            String schema = after.or(() -> before).orElseThrow().schema();
            plans.add(new PlatformPlan(name, action, schema, items(before, after)));
        }
        return new ChangePlan(plans);
    }

    private static List<Item> items(Optional<IntentionGraph> beforeGraph, Optional<IntentionGraph> afterGraph) {
        List<BatchStream> before = beforeGraph.map(IntentionGraph::streams).orElse(List.of());
        List<BatchStream> after = afterGraph.map(IntentionGraph::streams).orElse(List.of());
        List<Item> items = new ArrayList<>();
        Map<String, BatchStream> old = byKey(before);
        Map<String, BatchStream> now = byKey(after);
        for (BatchStream stream : before) {
            if (!now.containsKey(stream.key())) {
                items.add(new Item(Action.REMOVED, Kind.STREAM, stream.key(), List.of()));
                items.add(new Item(Action.REMOVED, Kind.DAG, AirflowDags.mergeDagId(beforeGraph.get().platform(), stream.key()), List.of()));
            }
        }
        for (BatchStream stream : after) {
            BatchStream was = old.get(stream.key());
            if (was == null) {
                items.add(new Item(Action.ADDED, Kind.STREAM, stream.key(), List.of(describe(stream))));
                items.add(new Item(Action.ADDED, Kind.DAG, AirflowDags.mergeDagId(afterGraph.get().platform(), stream.key()),
                        List.of("every " + Durations.format(stream.schedule()))));
                continue;
            }
            List<String> details = new ArrayList<>();
            if (!was.schedule().equals(stream.schedule())) {
                details.add("schedule every " + Durations.format(was.schedule()) + " -> every " + Durations.format(stream.schedule()));
            }
            if (was.milestoning() != stream.milestoning()) {
                details.add("milestoning " + was.milestoning().yamlName() + " -> " + stream.milestoning().yamlName());
            }
            Set<String> datasetsBefore = datasetNames(was);
            Set<String> datasetsAfter = datasetNames(stream);
            if (!datasetsBefore.equals(datasetsAfter)) {
                details.add("datasets " + datasetsBefore + " -> " + datasetsAfter);
            }
            if (!details.isEmpty()) {
                items.add(new Item(Action.ALTERED, Kind.STREAM, stream.key(), details));
                items.add(new Item(Action.ALTERED, Kind.DAG, AirflowDags.mergeDagId(afterGraph.get().platform(), stream.key()), details));
            }
        }
        Map<String, Table> tablesBefore = tables(before);
        Map<String, Table> tablesAfter = tables(after);
        for (Table t : tablesBefore.values()) {
            if (!tablesAfter.containsKey(t.dataset().stagingTable())) {
                items.add(new Item(Action.REMOVED, Kind.CONNECTOR, SinkConnectors.connectorName(beforeGraph.get(), t.dataset()), List.of()));
                items.add(new Item(Action.REMOVED, Kind.STAGING_TABLE, t.dataset().stagingTable(), List.of()));
                items.add(new Item(Action.REMOVED, Kind.MERGE_TABLE, t.dataset().mergeTable(), List.of()));
            }
        }
        for (Table t : tablesAfter.values()) {
            Table was = tablesBefore.get(t.dataset().stagingTable());
            IngestedDataset d = t.dataset();
            if (was == null) {
                items.add(new Item(Action.ADDED, Kind.CONNECTOR, SinkConnectors.connectorName(afterGraph.get(), d), List.of(connector(d))));
                items.add(new Item(Action.ADDED, Kind.STAGING_TABLE, d.stagingTable(), List.of(columns(d.columns()))));
                items.add(new Item(Action.ADDED, Kind.MERGE_TABLE, d.mergeTable(),
                        List.of(columns(d.columns()) + (t.milestoning() == Milestoning.MILESTONED ? ", milestoned" : ", live only"))));
                continue;
            }
            if (!was.dataset().topic().equals(d.topic())) {
                items.add(new Item(Action.ALTERED, Kind.CONNECTOR, SinkConnectors.connectorName(afterGraph.get(), d),
                        List.of("topic " + was.dataset().topic() + " -> " + d.topic())));
            }
            List<String> columnChanges = columnChanges(was.dataset().columns(), d.columns());
            // Staging columns are all nullable whatever the model says, so only types and new columns reach them.
            List<String> stagingChanges = columnChanges.stream().filter(c -> !c.endsWith(MADE_NULLABLE) && !c.endsWith(MADE_REQUIRED)).toList();
            if (!stagingChanges.isEmpty()) {
                items.add(new Item(Action.ALTERED, Kind.STAGING_TABLE, d.stagingTable(), stagingChanges));
            }
            List<String> mergeChanges = new ArrayList<>(columnChanges);
            if (was.milestoning() != t.milestoning()) {
                mergeChanges.add(t.milestoning() == Milestoning.MILESTONED
                        ? "becomes milestoned: " + TableLayout.DP_IN + " and " + TableLayout.DP_OUT + " added, every version kept from now on"
                        : "becomes live only: one row per key from now on");
            }
            if (!mergeChanges.isEmpty()) {
                items.add(new Item(Action.ALTERED, Kind.MERGE_TABLE, d.mergeTable(), mergeChanges));
            }
        }
        items.addAll(transactionSink(beforeGraph, afterGraph));
        return items;
    }

    /** The one sink of the stores' transaction records: it appears with the first store read, and reads one topic per store. */
    private static List<Item> transactionSink(Optional<IntentionGraph> beforeGraph, Optional<IntentionGraph> afterGraph) {
        List<String> before = beforeGraph.map(SinkConnectors::transactionTopics).orElse(List.of());
        List<String> after = afterGraph.map(SinkConnectors::transactionTopics).orElse(List.of());
        if (before.equals(after)) {
            return List.of();
        }
        String table = " -> table " + PlatformTables.TRANSACTIONS.name();
        if (after.isEmpty()) {
            return List.of(new Item(Action.REMOVED, Kind.CONNECTOR, SinkConnectors.transactionConnectorName(beforeGraph.get()), List.of()));
        }
        String name = SinkConnectors.transactionConnectorName(afterGraph.get());
        if (before.isEmpty()) {
            return List.of(new Item(Action.ADDED, Kind.CONNECTOR, name, List.of("topics " + String.join(", ", after) + table)));
        }
        List<String> details = new ArrayList<>();
        after.stream().filter(t -> !before.contains(t)).forEach(t -> details.add("topic " + t + " added"));
        before.stream().filter(t -> !after.contains(t)).forEach(t -> details.add("topic " + t + " removed"));
        return List.of(new Item(Action.ALTERED, Kind.CONNECTOR, name, details));
    }

    private static final String MADE_NULLABLE = " made nullable";
    private static final String MADE_REQUIRED = " made required";

    private record Table(IngestedDataset dataset, Milestoning milestoning) {
    }

    private static Map<String, Table> tables(List<BatchStream> streams) {
        Map<String, Table> tables = new LinkedHashMap<>();
        for (BatchStream s : streams) {
            for (IngestedDataset d : s.datasets()) {
                tables.put(d.stagingTable(), new Table(d, s.milestoning()));
            }
        }
        return tables;
    }

    private static List<String> columnChanges(List<MappedColumn> before, List<MappedColumn> after) {
        Map<String, MappedColumn> old = new LinkedHashMap<>();
        before.forEach(c -> old.put(c.name(), c));
        List<String> changes = new ArrayList<>();
        for (MappedColumn c : after) {
            MappedColumn was = old.remove(c.name());
            if (was == null) {
                changes.add("column " + c.name() + " " + c.sqlType() + " added");
                continue;
            }
            if (!was.sqlType().equals(c.sqlType())) {
                changes.add("column " + c.name() + " type " + was.sqlType() + " -> " + c.sqlType());
            }
            if (was.nullable() != c.nullable()) {
                changes.add("column " + c.name() + (c.nullable() ? MADE_NULLABLE : MADE_REQUIRED));
            }
        }
        old.values().forEach(c -> changes.add("column " + c.name() + " removed"));
        return changes;
    }

    private static Map<String, BatchStream> byKey(List<BatchStream> streams) {
        Map<String, BatchStream> map = new LinkedHashMap<>();
        streams.forEach(s -> map.put(s.key(), s));
        return map;
    }

    private static Set<String> datasetNames(BatchStream stream) {
        Set<String> names = new LinkedHashSet<>();
        stream.datasets().forEach(d -> names.add(d.datastore() + "." + d.name()));
        return names;
    }

    private static String describe(BatchStream s) {
        return s.describe() + ", datasets " + datasetNames(s);
    }

    private static String connector(IngestedDataset d) {
        return "topic " + d.topic() + " -> table " + d.stagingTable();
    }

    private static String columns(List<MappedColumn> columns) {
        return columns.size() + " column(s): " + String.join(", ", columns.stream().map(c -> c.name() + " " + c.sqlType()).toList());
    }
}
