package io.datasurface.model;

import java.util.List;

/** The object paths of the model's parts, named the same way by the loader, lint and governance. */
public final class ModelPaths {
    private static final String ZONE = "zone";
    private static final String TEAM = "team";

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
        return ObjectPath.of(ZONE, zone);
    }

    public static ObjectPath teamDeclaration(String zone, String team) {
        return zone(zone).child("team declaration", team);
    }

    public static ObjectPath team(String zone, String team) {
        return zone(zone).child(TEAM, team);
    }

    /** The path of the team the object lies in (the team itself included), or null when it lies in no team. */
    public static ObjectPath teamOf(ObjectPath path) {
        List<ObjectPath.Segment> segments = path.segments();
        if (segments.size() < 2 || !segments.get(1).kind().equals(TEAM) || !segments.get(0).kind().equals(ZONE)) {
            return null;
        }
        return segments.size() == 2 ? path : new ObjectPath(segments.subList(0, 2));
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
