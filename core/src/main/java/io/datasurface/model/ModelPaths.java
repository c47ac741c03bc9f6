package io.datasurface.model;

/** The object paths of the model's parts, named the same way by the loader, lint and governance. */
public final class ModelPaths {
    private ModelPaths() {
    }

    public static ObjectPath platform(String name) {
        return ObjectPath.of("platform", name);
    }

    public static ObjectPath vendor(String name) {
        return ObjectPath.of("vendor", name);
    }

    public static ObjectPath zoneDeclaration(String zone) {
        return ObjectPath.of("zone declaration", zone);
    }

    public static ObjectPath zone(String zone) {
        return ObjectPath.of("zone", zone);
    }

    public static ObjectPath teamDeclaration(String zone, String team) {
        return zone(zone).child("team declaration", team);
    }

    public static ObjectPath team(String zone, String team) {
        return zone(zone).child("team", team);
    }

    public static ObjectPath datastore(String zone, String team, String store) {
        return team(zone, team).child("datastore", store);
    }

    public static ObjectPath dataset(String zone, String team, String store, String dataset) {
        return datastore(zone, team, store).child("dataset", dataset);
    }

    public static ObjectPath workspace(String zone, String team, String workspace) {
        return team(zone, team).child("workspace", workspace);
    }
}
