package io.datasurface.lint;

import io.datasurface.diagnostics.ProblemCollector;
import io.datasurface.model.Column;
import io.datasurface.model.DataPlatform;
import io.datasurface.model.Dataset;
import io.datasurface.model.DatasetGroup;
import io.datasurface.model.Datastore;
import io.datasurface.model.Ecosystem;
import io.datasurface.model.GovernanceZone;
import io.datasurface.model.InfrastructureLocation;
import io.datasurface.model.InfrastructureVendor;
import io.datasurface.model.ModelPaths;
import io.datasurface.model.ObjectPath;
import io.datasurface.model.Team;
import io.datasurface.model.Workspace;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Names are legal (a letter, then letters, digits, '_' or '-', at most 128 characters) and unique
 * in their scope. Datastore names are unique across the ecosystem, because sinks name stores alone.
 */
final class NameRule implements LintRule {
    static final String RULE = "name";

    @Override
    public void check(Ecosystem ecosystem, ProblemCollector problems) {
        legal(ecosystem.name(), ObjectPath.ROOT, "ecosystem", problems);
        unique(ecosystem.platforms(), DataPlatform::name, ModelPaths::platform, "platform", "the ecosystem", problems);
        unique(ecosystem.vendors(), InfrastructureVendor::name, ModelPaths::vendor, "vendor", "the ecosystem", problems);
        for (InfrastructureVendor vendor : ecosystem.vendors()) {
            locations(vendor.locations(), ModelPaths.vendor(vendor.name()), problems);
        }
        unique(ecosystem.zoneDeclarations(), d -> d.name(), ModelPaths::zoneDeclaration, "zone", "the ecosystem", problems);
        Map<String, ObjectPath> stores = new HashMap<>();
        for (GovernanceZone zone : ecosystem.zones()) {
            ObjectPath zonePath = ModelPaths.zone(zone.name());
            legal(zone.name(), zonePath, "zone", problems);
            unique(zone.teamDeclarations(), d -> d.name(), t -> ModelPaths.teamDeclaration(zone.name(), t), "team", "zone " + zone.name(), problems);
            for (Team team : zone.teams()) {
                ObjectPath teamPath = ModelPaths.team(zone.name(), team.name());
                legal(team.name(), teamPath, "team", problems);
                unique(team.workspaces(), Workspace::name, w -> teamPath.child("workspace", w), "workspace", "team " + team.name(), problems);
                for (Datastore store : team.datastores()) {
                    ObjectPath storePath = teamPath.child("datastore", store.name());
                    legal(store.name(), storePath, "datastore", problems);
                    ObjectPath earlier = stores.putIfAbsent(store.name(), storePath);
                    if (earlier != null) {
                        problems.error(RULE, storePath, "datastore name '" + store.name() + "' is already used by " + earlier
                                + ": datastore names must be unique in the ecosystem because sinks name them alone; rename one");
                    }
                    unique(store.datasets(), Dataset::name, d -> storePath.child("dataset", d), "dataset", "datastore " + store.name(), problems);
                    for (Dataset dataset : store.datasets()) {
                        ObjectPath datasetPath = storePath.child("dataset", dataset.name());
                        legal(dataset.name(), datasetPath, "dataset", problems);
                        unique(dataset.schema().columns(), Column::name, c -> datasetPath.child("column", c), "column", "dataset " + dataset.name(), problems);
                        for (Column column : dataset.schema().columns()) {
                            // The column's path is only made for a problem: a large model has hundreds of thousands of columns.
                            if (!isLegal(column.name())) {
                                illegal(column.name(), datasetPath.child("column", column.name()), "column", problems);
                            }
                        }
                    }
                }
                for (Workspace workspace : team.workspaces()) {
                    ObjectPath workspacePath = teamPath.child("workspace", workspace.name());
                    legal(workspace.name(), workspacePath, "workspace", problems);
                    unique(workspace.groups(), DatasetGroup::name, g -> workspacePath.child("group", g), "group", "workspace " + workspace.name(), problems);
                    for (DatasetGroup group : workspace.groups()) {
                        legal(group.name(), workspacePath.child("group", group.name()), "group", problems);
                    }
                }
            }
        }
        for (DataPlatform platform : ecosystem.platforms()) {
            legal(platform.name(), ModelPaths.platform(platform.name()), "platform", problems);
        }
    }

    private static void locations(List<InfrastructureLocation> locations, ObjectPath parent, ProblemCollector problems) {
        unique(locations, InfrastructureLocation::name, l -> parent.child("location", l), "location", parent.toString(), problems);
        for (InfrastructureLocation location : locations) {
            ObjectPath path = parent.child("location", location.name());
            legal(location.name(), path, "location", problems);
            locations(location.locations(), path, problems);
        }
    }

    private static void legal(String name, ObjectPath path, String kind, ProblemCollector problems) {
        if (!isLegal(name)) {
            illegal(name, path, kind, problems);
        }
    }

    private static void illegal(String name, ObjectPath path, String kind, ProblemCollector problems) {
        problems.error(RULE, path, kind + " name '" + name + "' is not legal: start with a letter, then use only letters, digits, '_' "
                + "or '-', at most 128 characters");
    }

    /** A letter, then letters, digits, '_' or '-', at most 128 characters (ASCII only): {@code [A-Za-z][A-Za-z0-9_-]{0,127}}. */
    static boolean isLegal(String name) {
        int length = name.length();
        if (length == 0 || length > 128 || !isLetter(name.charAt(0))) {
            return false;
        }
        for (int i = 1; i < length; i++) {
            char c = name.charAt(i);
            if (!isLetter(c) && !(c >= '0' && c <= '9') && c != '_' && c != '-') {
                return false;
            }
        }
        return true;
    }

    private static boolean isLetter(char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
    }

    private static <T> void unique(List<T> items, Function<T, String> name, Function<String, ObjectPath> path, String kind, String scope,
            ProblemCollector problems) {
        Set<String> seen = new HashSet<>(Math.max(16, items.size() * 2));
        Set<String> repeated = null;
        for (T item : items) {
            String n = name.apply(item);
            // Reported once, where the name is seen the second time.
            if (!seen.add(n)) {
                if (repeated == null) {
                    repeated = new HashSet<>();
                }
                if (repeated.add(n)) {
                    problems.error(RULE, path.apply(n), kind + " '" + n + "' is defined more than once in " + scope + ": give each " + kind
                            + " its own name");
                }
            }
        }
    }
}
