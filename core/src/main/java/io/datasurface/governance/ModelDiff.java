package io.datasurface.governance;

import io.datasurface.model.DataType;
import io.datasurface.model.DatasetSink;
import io.datasurface.model.LocationRef;
import io.datasurface.model.ObjectPath;
import io.datasurface.model.Repository;
import io.datasurface.model.Durations;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Lists what differs between two versions of a part of the model, down to the changed attribute.
 *
 * <p>It walks record components by reflection rather than naming them, so that an attribute added
 * to a model record later is compared without anyone remembering to: governance must never let a
 * change through unseen. List elements that have a {@code name} are matched by name and become
 * path segments named after the list ({@code datastores} gives {@code datastore customer_db}), the
 * way {@link io.datasurface.model.ModelPaths} and the source map name them; nested records become
 * dotted attribute names ({@code postgres.port}).
 */
public final class ModelDiff {
    private static final int MAX_VALUE_LENGTH = 80;

    private ModelDiff() {
    }

    /** The differences between two values of the same part at {@code path}; empty when they are equal. */
    public static List<ModelChange> diff(ObjectPath path, Object base, Object head) {
        List<ModelChange> changes = new ArrayList<>();
        compare(path, "", base, head, changes);
        return changes;
    }

    private static void compare(ObjectPath path, String attribute, Object base, Object head, List<ModelChange> out) {
        if (Objects.equals(base, head)) {
            return;
        }
        if (base instanceof Optional<?> b && head instanceof Optional<?> h) {
            if (b.isEmpty()) {
                out.add(new ModelChange(path, label(attribute) + "set to " + show(h.get())));
            } else if (h.isEmpty()) {
                out.add(new ModelChange(path, label(attribute) + "removed (was " + show(b.get()) + ")"));
            } else {
                compare(path, attribute, b.get(), h.get(), out);
            }
        } else if (base instanceof List<?> b && head instanceof List<?> h) {
            compareLists(path, attribute, b, h, out);
        } else if (base instanceof Record && head instanceof Record && base.getClass() == head.getClass() && !isValue(base)) {
            for (RecordComponent component : base.getClass().getRecordComponents()) {
                compare(path, attribute.isEmpty() ? component.getName() : attribute + "." + component.getName(),
                        read(component, base), read(component, head), out);
            }
        } else {
            out.add(new ModelChange(path, label(attribute) + "changed from " + show(base) + " to " + show(head)));
        }
    }

    private static void compareLists(ObjectPath path, String attribute, List<?> base, List<?> head, List<ModelChange> out) {
        String kind = elementKind(attribute);
        if (keyed(base) && keyed(head)) {
            Map<String, Object> before = byKey(base);
            Map<String, Object> after = byKey(head);
            for (Map.Entry<String, Object> e : before.entrySet()) {
                if (!after.containsKey(e.getKey())) {
                    out.add(new ModelChange(path.child(kind, e.getKey()), "removed"));
                }
            }
            for (Map.Entry<String, Object> e : after.entrySet()) {
                Object old = before.get(e.getKey());
                if (old == null) {
                    out.add(new ModelChange(path.child(kind, e.getKey()), "added"));
                } else {
                    compare(path.child(kind, e.getKey()), "", old, e.getValue(), out);
                }
            }
            if (before.size() == base.size() && after.size() == head.size() && before.keySet().equals(after.keySet())
                    && !List.copyOf(before.keySet()).equals(List.copyOf(after.keySet()))) {
                out.add(new ModelChange(path, label(attribute) + "order changed from " + before.keySet() + " to " + after.keySet()));
            }
            if (before.size() != base.size() || after.size() != head.size()) {
                // Duplicate names are a lint error; still say that the list changed rather than miss it.
                out.add(new ModelChange(path, label(attribute) + "changed from " + show(base) + " to " + show(head)));
            }
            return;
        }
        List<Object> removed = new ArrayList<>(base);
        head.forEach(removed::remove);
        List<Object> added = new ArrayList<>(head);
        base.forEach(added::remove);
        boolean elementsArePaths = !base.isEmpty() && !isValue(base.get(0)) || !head.isEmpty() && !isValue(head.get(0));
        for (Object r : removed) {
            out.add(elementsArePaths ? new ModelChange(path.child(kind, r.toString()), "removed")
                    : new ModelChange(path, label(attribute) + show(r) + " removed"));
        }
        for (Object a : added) {
            out.add(elementsArePaths ? new ModelChange(path.child(kind, a.toString()), "added")
                    : new ModelChange(path, label(attribute) + show(a) + " added"));
        }
        if (removed.isEmpty() && added.isEmpty()) {
            out.add(new ModelChange(path, label(attribute) + "order changed from " + show(base) + " to " + show(head)));
        }
    }

    /**
     * Values compared and shown as a whole rather than attribute by attribute: their text form is
     * what a reader writes in YAML ({@code varchar(100)}, {@code OnPrem/NY/NY1}, {@code url@branch}).
     */
    private static boolean isValue(Object o) {
        return !(o instanceof Record) || o instanceof DataType || o instanceof Repository || o instanceof LocationRef
                || o instanceof DatasetSink;
    }

    private static boolean keyed(List<?> list) {
        return list.stream().allMatch(ModelDiff::hasName);
    }

    private static boolean hasName(Object o) {
        if (!(o instanceof Record)) {
            return false;
        }
        for (RecordComponent c : o.getClass().getRecordComponents()) {
            if (c.getName().equals("name") && c.getType() == String.class) {
                return true;
            }
        }
        return false;
    }

    private static Map<String, Object> byKey(List<?> list) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (Object o : list) {
            for (RecordComponent c : o.getClass().getRecordComponents()) {
                if (c.getName().equals("name")) {
                    map.putIfAbsent((String) read(c, o), o);
                }
            }
        }
        return map;
    }

    /** {@code zoneDeclarations} gives {@code zone declaration}, {@code datastores} gives {@code datastore}. */
    static String elementKind(String attribute) {
        String last = attribute.substring(attribute.lastIndexOf('.') + 1);
        String singular = last.endsWith("s") ? last.substring(0, last.length() - 1) : last;
        return singular.replaceAll("([a-z0-9])([A-Z])", "$1 $2").toLowerCase(Locale.ENGLISH);
    }

    private static String label(String attribute) {
        return attribute.isEmpty() ? "" : attribute + " ";
    }

    private static String show(Object value) {
        String text;
        if (value instanceof Duration d) {
            text = Durations.format(d);
        } else if (value instanceof Enum<?> e) {
            text = enumText(e);
        } else if (value instanceof String s) {
            text = "'" + s + "'";
        } else if (value instanceof Record && !isValue(value)) {
            text = hasName(value) ? byKey(List.of(value)).keySet().iterator().next() : kindOf(value);
        } else {
            text = String.valueOf(value);
        }
        return text.length() > MAX_VALUE_LENGTH ? text.substring(0, MAX_VALUE_LENGTH - 3) + "..." : text;
    }

    /** A variant of a sealed part by its YAML kind ({@code debezium}), else by its type. */
    private static String kindOf(Object value) {
        try {
            return String.valueOf(value.getClass().getMethod("kind").invoke(value));
        } catch (ReflectiveOperationException ignored) {
            return value.getClass().getSimpleName();
        }
    }

    private static String enumText(Enum<?> e) {
        try {
            return String.valueOf(e.getClass().getMethod("yamlName").invoke(e));
        } catch (ReflectiveOperationException ignored) {
            return e.name();
        }
    }

    private static Object read(RecordComponent component, Object record) {
        try {
            return component.getAccessor().invoke(record);
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("cannot read " + component.getDeclaringRecord().getSimpleName() + "." + component.getName(), e);
        }
    }
}
