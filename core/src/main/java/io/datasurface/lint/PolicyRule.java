package io.datasurface.lint;

import io.datasurface.diagnostics.ProblemCollector;
import io.datasurface.model.Column;
import io.datasurface.model.Dataset;
import io.datasurface.model.DatasetGroup;
import io.datasurface.model.DatasetSink;
import io.datasurface.model.Datastore;
import io.datasurface.model.Ecosystem;
import io.datasurface.model.GovernanceZone;
import io.datasurface.model.ModelPaths;
import io.datasurface.model.ObjectPath;
import io.datasurface.model.Workspace;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Zone policies hold: datasets carry classifications their zone allows, datastores are hosted on
 * vendors their zone allows, and data whose classification the producing zone restricts is only
 * consumed by workspaces of that zone's teams. A deprecated dataset in use is a warning.
 */
final class PolicyRule implements LintRule {
    static final String CLASSIFICATION = "classification";
    static final String VENDOR = "vendor";
    static final String DEPRECATED = "deprecated";

    @Override
    public void check(Ecosystem ecosystem, ProblemCollector problems) {
        Map<String, Ecosystem.StoreInTeam> stores = ecosystem.datastoresByName();
        for (Ecosystem.TeamInZone t : ecosystem.teams()) {
            GovernanceZone zone = t.zone();
            for (Datastore store : t.team().datastores()) {
                ObjectPath storePath = ModelPaths.datastore(zone.name(), t.team().name(), store.name());
                store.location().ifPresent(location -> {
                    if (!zone.policies().vendors().allows(location.vendor())) {
                        problems.error(VENDOR, storePath, "datastore is hosted on vendor " + location.vendor() + ", which zone " + zone.name()
                                + " does not allow (allowed: " + zone.policies().vendors().allowed() + "): move it or ask the zone to allow the vendor");
                    }
                });
                for (Dataset dataset : store.datasets()) {
                    ObjectPath datasetPath = storePath.child("dataset", dataset.name());
                    for (String classification : classifications(dataset)) {
                        if (!zone.policies().classifications().allows(classification)) {
                            problems.error(CLASSIFICATION, datasetPath, "classification '" + classification + "' is not allowed in zone " + zone.name()
                                    + " (allowed: " + zone.policies().classifications().allowed() + "): use an allowed classification");
                        }
                    }
                }
            }
            for (Workspace workspace : t.team().workspaces()) {
                for (DatasetGroup group : workspace.groups()) {
                    for (DatasetSink sink : group.sinks()) {
                        checkUse(stores, zone, sink, ModelPaths.workspace(zone.name(), t.team().name(), workspace.name())
                                .child("group", group.name()).child("sink", sink.toString()), problems);
                    }
                }
            }
        }
    }

    private static void checkUse(Map<String, Ecosystem.StoreInTeam> stores, GovernanceZone consumerZone, DatasetSink sink, ObjectPath sinkPath,
            ProblemCollector problems) {
        Optional<Ecosystem.StoreInTeam> store = Optional.ofNullable(stores.get(sink.datastore()));
        Optional<Dataset> dataset = store.flatMap(s -> s.store().dataset(sink.dataset()));
        if (dataset.isEmpty()) {
            return;
        }
        GovernanceZone producerZone = store.get().zone();
        if (dataset.get().deprecated()) {
            problems.warning(DEPRECATED, sinkPath, "dataset " + sink + " is deprecated: plan to move to its replacement ("
                    + dataset.get().documentation().text() + ")");
        }
        if (producerZone.name().equals(consumerZone.name())) {
            return;
        }
        for (String classification : classifications(dataset.get())) {
            if (producerZone.policies().classifications().restrictedToZone().contains(classification)) {
                problems.error(CLASSIFICATION, sinkPath, "dataset " + sink + " holds '" + classification + "' data, which zone " + producerZone.name()
                        + " lets only its own teams consume; this workspace belongs to zone " + consumerZone.name()
                        + ": remove the sink or ask zone " + producerZone.name() + " for a dataset without " + classification + " data");
            }
        }
    }

    /** The dataset's classification and its columns' own, each once, in that order. */
    private static Collection<String> classifications(Dataset dataset) {
        // Most columns have no classification of their own: a set is only made for the datasets where one has.
        Set<String> all = null;
        for (Column column : dataset.schema().columns()) {
            if (column.classification().isPresent()) {
                if (all == null) {
                    all = new LinkedHashSet<>();
                    all.add(dataset.classification());
                }
                all.add(column.classification().get());
            }
        }
        return all == null ? List.of(dataset.classification()) : all;
    }
}
