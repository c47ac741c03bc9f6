package io.datasurface.yaml;

import io.datasurface.model.ObjectPath;
import io.datasurface.model.SourceLocation;
import java.util.AbstractMap;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Where each object of a team read by {@link TeamFileReader} is defined, by object path: a map worked out on its first
 * use. A model's locations are asked for where something is wrong with it, so most teams of a large model that loads
 * clean are never asked; their paths (a few per column, hundreds of thousands in all) are then never made. What is kept
 * until then is where each object starts and the names that make its path.
 */
final class TeamLocations extends AbstractMap<ObjectPath, SourceLocation> {
    private final String file;
    private final ObjectPath team;
    private final long mark;
    private final List<Place> places;
    private volatile Map<ObjectPath, SourceLocation> built;

    /** The team at {@code team}, starting at the packed {@code mark} of {@code file}, and its objects in reading order. */
    TeamLocations(String file, ObjectPath team, long mark, List<Place> places) {
        this.file = file;
        this.team = team;
        this.mark = mark;
        this.places = places;
    }

    /** Where objects of the team start: one with its children, or a run of objects without any. */
    sealed interface Place {
        /** Records the locations of the object(s) under {@code parent}, in the order the tree path's reader records them. */
        void record(String file, ObjectPath parent, Map<ObjectPath, SourceLocation> sources);
    }

    /** An object (a datastore, a dataset, a workspace, a group) and then its children. */
    record Branch(String kind, String name, long mark, List<Place> children) implements Place {
        @Override
        public void record(String file, ObjectPath parent, Map<ObjectPath, SourceLocation> sources) {
            ObjectPath path = parent.child(kind, name);
            sources.put(path, YamlDocument.location(file, mark));
            children.forEach(child -> child.record(file, path, sources));
        }
    }

    /**
     * The objects of one list that have no children (a dataset's columns, a group's sinks): their names are those of
     * the model's records, their starts one array, rather than an object per column kept for the whole model's life.
     */
    record Leaves<T>(String kind, List<T> values, Function<T, String> name, long[] marks) implements Place {
        @Override
        public void record(String file, ObjectPath parent, Map<ObjectPath, SourceLocation> sources) {
            for (int i = 0; i < values.size(); i++) {
                sources.put(parent.child(kind, name.apply(values.get(i))), YamlDocument.location(file, marks[i]));
            }
        }
    }

    private Map<ObjectPath, SourceLocation> built() {
        Map<ObjectPath, SourceLocation> map = built;
        if (map == null) {
            synchronized (this) {
                map = built;
                if (map == null) {
                    Map<ObjectPath, SourceLocation> sources = new HashMap<>();
                    sources.put(team, YamlDocument.location(file, mark));
                    places.forEach(place -> place.record(file, team, sources));
                    map = Collections.unmodifiableMap(sources);
                    built = map;
                }
            }
        }
        return map;
    }

    @Override
    public SourceLocation get(Object path) {
        return built().get(path);
    }

    @Override
    public boolean containsKey(Object path) {
        return built().containsKey(path);
    }

    @Override
    public int size() {
        return built().size();
    }

    @Override
    public Set<Entry<ObjectPath, SourceLocation>> entrySet() {
        return built().entrySet();
    }
}
