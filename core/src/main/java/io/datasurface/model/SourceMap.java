package io.datasurface.model;

import static java.util.Objects.requireNonNull;

import java.util.Map;
import java.util.Optional;

/**
 * Where each object of a loaded model was defined. Kept apart from the model records so that
 * equality of the model covers its meaning only, never the formatting of its files.
 *
 * <p>The locations of each team's objects are held in a map of their own, by team path: a team is defined in one
 * file, so a model loaded again after a one-file change shares the maps of every other team with the model before it,
 * where one map for the whole model would copy and re-hash the hundreds of thousands of locations of a large model.
 */
public final class SourceMap {
    public static final SourceMap EMPTY = new SourceMap(Map.of(), Map.of());

    /** Locations outside every team: the ecosystem, its platforms and vendors, the zones and their declarations. */
    private final Map<ObjectPath, SourceLocation> shared;
    /** By team path, the locations of the team and of everything in it. */
    private final Map<ObjectPath, Map<ObjectPath, SourceLocation>> teams;

    private SourceMap(Map<ObjectPath, SourceLocation> shared, Map<ObjectPath, Map<ObjectPath, SourceLocation>> teams) {
        this.shared = shared;
        this.teams = teams;
    }

    /**
     * A source map of the locations outside every team and of each team's, by the team's path; every key of a team's
     * map lies in that team ({@link ModelPaths#teamOf}) and no key of {@code shared} lies in a team. The maps are kept,
     * not copied: nobody may change them afterwards.
     */
    public static SourceMap of(Map<ObjectPath, SourceLocation> shared, Map<ObjectPath, Map<ObjectPath, SourceLocation>> teams) {
        return new SourceMap(requireNonNull(shared, "shared is null"), requireNonNull(teams, "teams is null"));
    }

    /** The location of exactly this object, if it has one. */
    public Optional<SourceLocation> location(ObjectPath path) {
        return Optional.ofNullable(mapOf(path).get(path));
    }

    /** The location of the object, or of its nearest ancestor that has one. */
    public Optional<SourceLocation> locate(ObjectPath path) {
        ObjectPath current = path;
        while (true) {
            SourceLocation location = mapOf(current).get(current);
            if (location != null) {
                return Optional.of(location);
            }
            if (current.segments().isEmpty()) {
                return Optional.empty();
            }
            current = current.parent();
        }
    }

    private Map<ObjectPath, SourceLocation> mapOf(ObjectPath path) {
        ObjectPath team = ModelPaths.teamOf(path);
        return team == null ? shared : teams.getOrDefault(team, Map.of());
    }

    /** Equal when every object has the same location in both. */
    @Override
    public boolean equals(Object other) {
        return other instanceof SourceMap map && shared.equals(map.shared) && teams.equals(map.teams);
    }

    @Override
    public int hashCode() {
        return shared.hashCode() * 31 + teams.hashCode();
    }

    @Override
    public String toString() {
        return "SourceMap[" + shared.size() + " locations outside teams, " + teams.size() + " teams]";
    }
}
