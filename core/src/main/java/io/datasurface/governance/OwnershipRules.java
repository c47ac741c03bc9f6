package io.datasurface.governance;

import io.datasurface.model.Ecosystem;
import io.datasurface.model.GovernanceZone;
import io.datasurface.model.ModelPaths;
import io.datasurface.model.ObjectPath;
import io.datasurface.model.Repository;
import io.datasurface.model.Team;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Splits a model into the parts that have one owner each (the ecosystem, each zone, each team),
 * compares each part's base and head versions, and attributes every difference to the part's
 * owner. Adding or removing a zone's definition is the zone's change, a team's the team's; the
 * declarations that must come first (or go last) are parts of the ecosystem and the zone.
 */
public final class OwnershipRules {
    private OwnershipRules() {
    }

    public static List<OwnedChange> changes(Ecosystem base, Ecosystem head) {
        Owners owners = new Owners(base, Optional.of(head));
        List<OwnedChange> out = new ArrayList<>();
        attribute(ModelDiff.diff(ObjectPath.ROOT, withoutZones(base), withoutZones(head)), owners.ecosystem(), out);
        for (String zone : names(base.zones(), head.zones(), GovernanceZone::name)) {
            ObjectPath zonePath = ModelPaths.zone(zone);
            Optional<GovernanceZone> before = base.zone(zone);
            Optional<GovernanceZone> after = head.zone(zone);
            Repository zoneOwner = owners.zone(zone);
            if (before.isEmpty()) {
                out.add(new OwnedChange(new ModelChange(zonePath, "zone defined"), zoneOwner));
            } else if (after.isEmpty()) {
                out.add(new OwnedChange(new ModelChange(zonePath, "zone definition removed"), zoneOwner));
            } else {
                attribute(ModelDiff.diff(zonePath, withoutTeams(before.get()), withoutTeams(after.get())), zoneOwner, out);
            }
            List<Team> teamsBefore = before.map(GovernanceZone::teams).orElse(List.of());
            List<Team> teamsAfter = after.map(GovernanceZone::teams).orElse(List.of());
            for (String team : names(teamsBefore, teamsAfter, Team::name)) {
                ObjectPath teamPath = ModelPaths.team(zone, team);
                Optional<Team> teamBefore = teamsBefore.stream().filter(t -> t.name().equals(team)).findFirst();
                Optional<Team> teamAfter = teamsAfter.stream().filter(t -> t.name().equals(team)).findFirst();
                Repository teamOwner = owners.team(zone, team);
                if (teamBefore.isEmpty()) {
                    out.add(new OwnedChange(new ModelChange(teamPath, "team defined"), teamOwner));
                } else if (teamAfter.isEmpty()) {
                    out.add(new OwnedChange(new ModelChange(teamPath, "team definition removed"), teamOwner));
                } else {
                    attribute(ModelDiff.diff(teamPath, teamBefore.get(), teamAfter.get()), teamOwner, out);
                }
            }
        }
        return out;
    }

    private static void attribute(List<ModelChange> changes, Repository owner, List<OwnedChange> out) {
        changes.forEach(c -> out.add(new OwnedChange(c, owner)));
    }

    /** The ecosystem's own part: its zones' definitions belong to the zones. */
    private static Ecosystem withoutZones(Ecosystem e) {
        return new Ecosystem(e.name(), e.owner(), e.documentation(), e.vendors(), e.platforms(), e.zoneDeclarations(), List.of());
    }

    /** The zone's own part: its teams' definitions belong to the teams. */
    private static GovernanceZone withoutTeams(GovernanceZone z) {
        return new GovernanceZone(z.name(), z.documentation(), z.policies(), z.teamDeclarations(), List.of());
    }

    private static <T> Set<String> names(List<T> before, List<T> after, Function<T, String> name) {
        Set<String> names = new LinkedHashSet<>();
        before.forEach(t -> names.add(name.apply(t)));
        after.forEach(t -> names.add(name.apply(t)));
        return names;
    }
}
