package io.datasurface.model;

import static java.util.Objects.requireNonNull;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The whole model: what the ecosystem owns, and the definitions of the zones it declares. */
public record Ecosystem(String name, Repository owner, Documentation documentation, List<InfrastructureVendor> vendors,
        List<DataPlatform> platforms, List<ZoneDeclaration> zoneDeclarations, List<GovernanceZone> zones) {
    public Ecosystem {
        requireNonNull(name, "name is null");
        requireNonNull(owner, "owner is null");
        requireNonNull(documentation, "documentation is null");
        vendors = List.copyOf(requireNonNull(vendors, "vendors is null"));
        platforms = List.copyOf(requireNonNull(platforms, "platforms is null"));
        zoneDeclarations = List.copyOf(requireNonNull(zoneDeclarations, "zoneDeclarations is null"));
        zones = List.copyOf(requireNonNull(zones, "zones is null"));
    }

    public Optional<GovernanceZone> zone(String zoneName) {
        return zones.stream().filter(z -> z.name().equals(zoneName)).findFirst();
    }

    public Optional<DataPlatform> platform(String platformName) {
        return platforms.stream().filter(p -> p.name().equals(platformName)).findFirst();
    }

    /** Every team definition with the zone it belongs to, in model order. */
    public List<TeamInZone> teams() {
        return zones.stream().flatMap(z -> z.teams().stream().map(t -> new TeamInZone(z, t))).toList();
    }

    /** Finds the store of this name wherever it is defined; store names are unique in an ecosystem. */
    public Optional<StoreInTeam> datastore(String storeName) {
        for (GovernanceZone zone : zones) {
            for (Team team : zone.teams()) {
                Optional<Datastore> store = team.datastore(storeName);
                if (store.isPresent()) {
                    return Optional.of(new StoreInTeam(zone, team, store.get()));
                }
            }
        }
        return Optional.empty();
    }

    /**
     * Every store by name, the one {@link #datastore} finds where a name repeats (lint reports the repeat): for code that
     * looks up many stores, which would otherwise walk the model once per lookup.
     */
    public Map<String, StoreInTeam> datastoresByName() {
        Map<String, StoreInTeam> stores = new HashMap<>();
        for (GovernanceZone zone : zones) {
            for (Team team : zone.teams()) {
                for (Datastore store : team.datastores()) {
                    stores.putIfAbsent(store.name(), new StoreInTeam(zone, team, store));
                }
            }
        }
        return stores;
    }

    /**
     * Every dataset that a workspace served by the platform consumes, once per sink, in model
     * order; sinks that do not resolve are left out (lint reports them).
     */
    public List<ConsumedDataset> datasetsConsumedOn(String platformName) {
        List<ConsumedDataset> consumed = new java.util.ArrayList<>();
        Map<String, StoreInTeam> stores = datastoresByName();
        for (TeamInZone consumer : teams()) {
            for (Workspace workspace : consumer.team().workspaces()) {
                if (!workspace.platform().equals(platformName)) {
                    continue;
                }
                for (DatasetGroup group : workspace.groups()) {
                    for (DatasetSink sink : group.sinks()) {
                        Optional<StoreInTeam> store = Optional.ofNullable(stores.get(sink.datastore()));
                        Optional<Dataset> dataset = store.flatMap(s -> s.store().dataset(sink.dataset()));
                        dataset.ifPresent(d -> consumed.add(new ConsumedDataset(store.get(), d, group.milestoning())));
                    }
                }
            }
        }
        return consumed;
    }

    /** A dataset a workspace consumes, with the store that publishes it and the history the workspace needs. */
    public record ConsumedDataset(StoreInTeam store, Dataset dataset, Milestoning milestoning) {
        public String fullName() {
            return store.store().name() + "." + dataset.name();
        }
    }

    public record TeamInZone(GovernanceZone zone, Team team) {
    }

    public record StoreInTeam(GovernanceZone zone, Team team, Datastore store) {
    }
}
