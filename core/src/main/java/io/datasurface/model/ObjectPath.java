package io.datasurface.model;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Where an object sits in the model, as a reader names it:
 * {@code zone USA / team sales / datastore customer_db / dataset customers}.
 */
public record ObjectPath(List<Segment> segments) {
    public static final ObjectPath ROOT = new ObjectPath(List.of());

    public ObjectPath {
        segments = List.copyOf(requireNonNull(segments, "segments is null"));
    }

    public ObjectPath child(String kind, String name) {
        // One array for the new list (List.copyOf keeps an immutable list as it is): a large model makes a path per column.
        Segment[] more = segments.toArray(new Segment[segments.size() + 1]);
        more[segments.size()] = new Segment(kind, name);
        return new ObjectPath(List.of(more));
    }

    public boolean startsWith(ObjectPath prefix) {
        return segments.size() >= prefix.segments.size() && segments.subList(0, prefix.segments.size()).equals(prefix.segments);
    }

    public ObjectPath parent() {
        return segments.isEmpty() ? this : new ObjectPath(segments.subList(0, segments.size() - 1));
    }

    /**
     * Mixes the segments' hashes non-linearly: the default list hash is linear in its elements, and
     * paths of generated names (dataset1 / col2 vs dataset2 / col1...) then collide in bulk, which
     * turns the source map of a large model into long chains of equals calls.
     */
    @Override
    public int hashCode() {
        int h = 0x2545F491;
        for (Segment segment : segments) {
            h ^= segment.kind().hashCode();
            h *= 0x9E3779B1;
            h ^= segment.name().hashCode();
            h *= 0x85EBCA77;
            h ^= h >>> 15;
        }
        return h;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ObjectPath path && segments.equals(path.segments);
    }

    public static ObjectPath of(String kind, String name) {
        return ROOT.child(kind, name);
    }

    @Override
    public String toString() {
        return segments.isEmpty() ? "ecosystem" : segments.stream().map(Segment::toString).collect(Collectors.joining(" / "));
    }

    public record Segment(String kind, String name) {
        public Segment {
            requireNonNull(kind, "kind is null");
            requireNonNull(name, "name is null");
        }

        @Override
        public String toString() {
            return kind + " " + name;
        }
    }
}
