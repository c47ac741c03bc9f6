package io.datasurface.lint;

import io.datasurface.diagnostics.ProblemCollector;
import io.datasurface.model.DataPlatform;
import io.datasurface.model.DatasetGroup;
import io.datasurface.model.DatasetSink;
import io.datasurface.model.Datastore;
import io.datasurface.model.Ecosystem;
import io.datasurface.model.GovernanceZone;
import io.datasurface.model.InfrastructureLocation;
import io.datasurface.model.InfrastructureVendor;
import io.datasurface.model.LocationRef;
import io.datasurface.model.ModelPaths;
import io.datasurface.model.ObjectPath;
import io.datasurface.model.Team;
import io.datasurface.model.TeamDeclaration;
import io.datasurface.model.Workspace;
import io.datasurface.model.ZoneDeclaration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Every reference resolves: zone and team definitions are declared, workspaces name a platform,
 * sinks name a datastore and one of its datasets, datastore locations name a vendor's location. A
 * declaration not defined yet is only a warning: it is the step between the declaring owner's change
 * and the declared owner's, since zones and teams are declared before they are defined and removed
 * in reverse.
 */
final class ReferenceRule implements LintRule {
    static final String RULE = "reference";

    @Override
    public void check(Ecosystem ecosystem, ProblemCollector problems) {
        for (ZoneDeclaration declaration : ecosystem.zoneDeclarations()) {
            if (ecosystem.zone(declaration.name()).isEmpty()) {
                problems.warning(RULE, ModelPaths.zoneDeclaration(declaration.name()), "zone " + declaration.name()
                        + " is declared but not defined yet: add zones/" + declaration.name() + "/zone.yaml (from " + declaration.owner()
                        + ") or remove the declaration");
            }
        }
        Map<String, Ecosystem.StoreInTeam> stores = ecosystem.datastoresByName();
        for (GovernanceZone zone : ecosystem.zones()) {
            if (ecosystem.zoneDeclarations().stream().noneMatch(d -> d.name().equals(zone.name()))) {
                problems.error(RULE, ModelPaths.zone(zone.name()), "zone " + zone.name()
                        + " is defined but not declared: the ecosystem must first declare it with its owner in ecosystem.yaml under zones");
            }
            for (TeamDeclaration declaration : zone.teamDeclarations()) {
                if (zone.team(declaration.name()).isEmpty()) {
                    problems.warning(RULE, ModelPaths.teamDeclaration(zone.name(), declaration.name()), "team " + declaration.name()
                            + " is declared but not defined yet: add zones/" + zone.name() + "/teams/" + declaration.name() + ".yaml (from "
                            + declaration.owner() + ") or remove the declaration");
                }
            }
            for (Team team : zone.teams()) {
                if (zone.teamDeclaration(team.name()).isEmpty()) {
                    problems.error(RULE, ModelPaths.team(zone.name(), team.name()), "team " + team.name()
                            + " is defined but not declared: zone " + zone.name() + " must first declare it with its owner in zone.yaml under teams");
                }
                for (Datastore store : team.datastores()) {
                    store.location().ifPresent(location -> checkLocation(ecosystem, location,
                            ModelPaths.datastore(zone.name(), team.name(), store.name()), problems));
                }
                for (Workspace workspace : team.workspaces()) {
                    checkWorkspace(ecosystem, stores, workspace, ModelPaths.workspace(zone.name(), team.name(), workspace.name()), problems);
                }
            }
        }
    }

    private static void checkWorkspace(Ecosystem ecosystem, Map<String, Ecosystem.StoreInTeam> stores, Workspace workspace, ObjectPath path,
            ProblemCollector problems) {
        if (ecosystem.platform(workspace.platform()).isEmpty()) {
            problems.error(RULE, path, "workspace uses platform '" + workspace.platform() + "', which the ecosystem does not define; use one of: "
                    + ecosystem.platforms().stream().map(DataPlatform::name).collect(Collectors.joining(", ")));
        }
        for (DatasetGroup group : workspace.groups()) {
            ObjectPath groupPath = path.child("group", group.name());
            if (group.sinks().isEmpty()) {
                problems.warning(RULE, groupPath, "group has no sinks: add the datasets it needs or remove the group");
            }
            for (DatasetSink sink : group.sinks()) {
                ObjectPath sinkPath = groupPath.child("sink", sink.toString());
                Optional<Ecosystem.StoreInTeam> store = Optional.ofNullable(stores.get(sink.datastore()));
                if (store.isEmpty()) {
                    problems.error(RULE, sinkPath, "sink names datastore '" + sink.datastore() + "', which no team defines: check the name");
                } else if (store.get().store().dataset(sink.dataset()).isEmpty()) {
                    problems.error(RULE, sinkPath, "datastore " + sink.datastore() + " has no dataset '" + sink.dataset() + "'; it has: "
                            + store.get().store().datasets().stream().map(d -> d.name()).collect(Collectors.joining(", ")));
                }
            }
        }
    }

    private static void checkLocation(Ecosystem ecosystem, LocationRef location, ObjectPath path, ProblemCollector problems) {
        Optional<InfrastructureVendor> vendor = ecosystem.vendors().stream().filter(v -> v.name().equals(location.vendor())).findFirst();
        if (vendor.isEmpty()) {
            problems.error(RULE, path, "location " + location + " names vendor '" + location.vendor() + "', which the ecosystem does not define; "
                    + "use one of: " + ecosystem.vendors().stream().map(InfrastructureVendor::name).collect(Collectors.joining(", ")));
            return;
        }
        List<InfrastructureLocation> level = vendor.get().locations();
        for (String name : location.path()) {
            Optional<InfrastructureLocation> next = level.stream().filter(l -> l.name().equals(name)).findFirst();
            if (next.isEmpty()) {
                problems.error(RULE, path, "location " + location + ": vendor " + location.vendor() + " has no location '" + name + "' there; use one of: "
                        + level.stream().map(InfrastructureLocation::name).collect(Collectors.joining(", ")));
                return;
            }
            level = next.get().locations();
        }
    }
}
