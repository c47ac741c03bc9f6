package io.datasurface.kpsg;

import io.datasurface.model.DatasetGroup;
import io.datasurface.model.DatasetSink;
import io.datasurface.model.Ecosystem;
import io.datasurface.model.KubernetesPGStarter;
import io.datasurface.model.Milestoning;
import io.datasurface.model.Workspace;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Names and contents of every workspace's schema on a platform. A schema is named
 * {@code <platform schema>_<workspace>} (stable, legal, and hashed apart when two workspaces of
 * different teams would share it), its role {@code <schema>_reader}, a view after its dataset's
 * tables ({@code <store>_<dataset>}, {@code ..._history}, {@code ..._as_of}, {@code ..._changes}).
 * A dataset consumed by a milestoned group of the workspace gets the history views.
 */
public final class WorkspaceSchemas {
    static final String ROLE_SUFFIX = "_reader";

    private WorkspaceSchemas() {
    }

    /** The workspace schemas of a platform whose graph has these streams in this schema; part of the graph itself. */
    public static List<WorkspaceSchema> build(Ecosystem ecosystem, KubernetesPGStarter platform, String schema, List<BatchStream> streams) {
        record Consumer(String fullName, Workspace workspace) {
        }
        List<Consumer> consumers = new ArrayList<>();
        for (Ecosystem.TeamInZone team : ecosystem.teams()) {
            for (Workspace w : team.team().workspaces()) {
                if (w.platform().equals(platform.name())) {
                    consumers.add(new Consumer(team.zone().name() + "." + team.team().name() + "." + w.name(), w));
                }
            }
        }
        if (consumers.isEmpty()) {
            return List.of();
        }
        Map<String, String> schemas = UniqueIdentifiers.assign(consumers.stream().map(c -> new UniqueIdentifiers.Candidate(c.fullName(),
                        schema + "_" + PostgresNames.sanitize(c.workspace().name()), false)).toList(),
                Set.of(schema, TableLayout.archiveSchema(schema)), PostgresNames.MAX_IDENTIFIER_BYTES - ROLE_SUFFIX.length());
        Map<String, IngestedDataset> byName = new HashMap<>();
        for (BatchStream stream : streams) {
            for (IngestedDataset d : stream.datasets()) {
                byName.putIfAbsent(d.datastore() + "." + d.name(), d);
            }
        }
        List<WorkspaceSchema> out = new ArrayList<>();
        for (Consumer c : consumers) {
            String name = schemas.get(c.fullName());
            out.add(new WorkspaceSchema(c.workspace().name(), name, name + ROLE_SUFFIX, views(c.workspace(), byName)));
        }
        return out;
    }

    private static List<WorkspaceSchema.View> views(Workspace workspace, Map<String, IngestedDataset> datasets) {
        Map<IngestedDataset, Milestoning> consumed = new LinkedHashMap<>();
        for (DatasetGroup group : workspace.groups()) {
            for (DatasetSink sink : group.sinks()) {
                IngestedDataset d = datasets.get(sink.datastore() + "." + sink.dataset());
                if (d != null) {
                    consumed.merge(d, group.milestoning(), Milestoning::strictest);
                }
            }
        }
        List<WorkspaceSchema.View> views = new ArrayList<>();
        consumed.forEach((d, milestoning) -> {
            String base = liveView(d);
            Optional<WorkspaceSchema.History> history = milestoning == Milestoning.MILESTONED
                    ? Optional.of(new WorkspaceSchema.History(historyView(d), name(base, "_as_of"), name(base, "_changes")))
                    : Optional.empty();
            views.add(new WorkspaceSchema.View(d, base, history));
        });
        return views;
    }

    /** The live view of a dataset in any workspace schema: its tables' name stem. */
    public static String liveView(IngestedDataset d) {
        return d.mergeTable().substring(0, d.mergeTable().length() - TableLayout.MERGE_SUFFIX.length());
    }

    /** The history view of a dataset in any workspace schema that has one. */
    public static String historyView(IngestedDataset d) {
        return name(liveView(d), "_history");
    }

    private static String name(String base, String suffix) {
        return PostgresNames.fit(base, suffix, base + suffix);
    }
}
