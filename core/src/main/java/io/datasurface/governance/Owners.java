package io.datasurface.governance;

import static java.util.Objects.requireNonNull;

import io.datasurface.model.Ecosystem;
import io.datasurface.model.GovernanceZone;
import io.datasurface.model.ObjectPath;
import io.datasurface.model.Repository;
import io.datasurface.model.TeamDeclaration;
import io.datasurface.model.ZoneDeclaration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Who may change each part of a model. The live (base) model decides: an owner named only in the
 * proposed (head) model counts only for parts the base does not declare yet, so a change can
 * never hand itself the right to make itself. A part nobody declares belongs to whoever declares
 * it: an undeclared zone to the ecosystem, an undeclared team to its zone.
 */
public final class Owners {
    private final Ecosystem base;
    private final Optional<Ecosystem> head;

    public Owners(Ecosystem base, Optional<Ecosystem> head) {
        this.base = requireNonNull(base, "base is null");
        this.head = requireNonNull(head, "head is null");
    }

    /** Platforms, vendors, credential stores, zone declarations and the ecosystem's own attributes. */
    public Repository ecosystem() {
        return base.owner();
    }

    /** A zone's policies and team declarations, and adding or removing its definition. */
    public Repository zone(String zone) {
        return zoneDeclaration(base, zone).or(() -> head.flatMap(h -> zoneDeclaration(h, zone)))
                .map(ZoneDeclaration::owner).orElseGet(this::ecosystem);
    }

    /** A team's datastores, datasets and workspaces, and adding or removing its definition. */
    public Repository team(String zone, String team) {
        return teamDeclaration(base, zone, team).or(() -> head.flatMap(h -> teamDeclaration(h, zone, team)))
                .map(TeamDeclaration::owner).orElseGet(() -> zone(zone));
    }

    /**
     * The owner of the object at a path: {@code zone Z / team T / ...} is the team's,
     * {@code zone Z / ...} (its policies and team declarations) the zone's, everything else
     * (platforms, vendors, {@code zone declaration Z}) the ecosystem's.
     */
    public Repository of(ObjectPath path) {
        List<ObjectPath.Segment> s = path.segments();
        if (s.isEmpty() || !s.get(0).kind().equals("zone")) {
            return ecosystem();
        }
        if (s.size() >= 2 && s.get(1).kind().equals("team")) {
            return team(s.get(0).name(), s.get(1).name());
        }
        return zone(s.get(0).name());
    }

    /** Every repository that owns something in the base model. */
    public List<Repository> all() {
        List<Repository> owners = new ArrayList<>();
        owners.add(base.owner());
        for (ZoneDeclaration z : base.zoneDeclarations()) {
            owners.add(z.owner());
        }
        for (GovernanceZone z : base.zones()) {
            for (TeamDeclaration t : z.teamDeclarations()) {
                owners.add(t.owner());
            }
        }
        return owners;
    }

    /** Whether the repository owns anything in the base model. */
    public boolean isKnown(Repository source) {
        return all().stream().anyMatch(o -> Repositories.same(o, source));
    }

    private static Optional<ZoneDeclaration> zoneDeclaration(Ecosystem e, String zone) {
        return e.zoneDeclarations().stream().filter(d -> d.name().equals(zone)).findFirst();
    }

    private static Optional<TeamDeclaration> teamDeclaration(Ecosystem e, String zone, String team) {
        return e.zone(zone).flatMap(z -> z.teamDeclaration(team));
    }
}
