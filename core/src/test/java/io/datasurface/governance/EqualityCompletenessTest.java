package io.datasurface.governance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.datasurface.model.Ecosystem;
import io.datasurface.model.GovernanceZone;
import io.datasurface.model.ModelPaths;
import io.datasurface.model.ObjectPath;
import io.datasurface.model.Repository;
import io.datasurface.model.Team;
import io.datasurface.testfixtures.TestModels;
import java.lang.reflect.Constructor;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Walks every record component reachable from {@link Ecosystem} (nested records, lists, optionals,
 * every variant of a sealed interface) and, for each place it occurs in a model that uses every
 * concept, builds a model that differs only there. The change must be detected and attributed to
 * the owner of the part it is in. A component added to the model later is found by the same walk:
 * if the fixture does not exercise it, or this test cannot vary its type, or the checker misses
 * it, the test fails.
 */
class EqualityCompletenessTest {
    private static final Ecosystem BASE = TestModels.everyConcept();
    private static final Owners OWNERS = new Owners(BASE, Optional.empty());
    /** Components whose change moves a whole part to another name, so its parts' owners take part too. */
    private static final Set<String> CROSSING_PARTS = Set.of("Ecosystem.zones", "GovernanceZone.name", "GovernanceZone.teams", "Team.name");

    private record Part(ObjectPath path, Repository owner) {
    }

    private record Mutation(String component, String where, Ecosystem model, Part part) {
    }

    @TestFactory
    Stream<DynamicTest> everyComponentChangeIsDetectedAndAttributedToItsOwner() {
        List<Mutation> mutations = new ArrayList<>();
        walk(BASE, v -> v, new Part(ObjectPath.ROOT, OWNERS.ecosystem()), "ecosystem", mutations, new LinkedHashSet<>());
        return mutations.stream().map(m -> DynamicTest.dynamicTest(m.component() + " at " + m.where(), () -> {
            List<OwnedChange> changes = OwnershipRules.changes(BASE, m.model());
            assertThat(changes).as("changes detected").isNotEmpty();
            assertThat(changes).as("a change attributed to " + m.part().owner())
                    .anyMatch(c -> c.change().path().startsWith(m.part().path()) && c.owner().equals(m.part().owner()));
            if (!CROSSING_PARTS.contains(m.component())) {
                assertThat(changes).as("every change attributed to " + m.part().owner()).allMatch(c -> c.owner().equals(m.part().owner()));
            }
        }));
    }

    @Test
    void everyReachableComponentIsVariedInTheFixture() {
        Set<String> visited = new LinkedHashSet<>();
        walk(BASE, v -> v, new Part(ObjectPath.ROOT, OWNERS.ecosystem()), "ecosystem", new ArrayList<>(), visited);
        Set<String> reachable = new TreeSet<>();
        reachable(Ecosystem.class, reachable, new LinkedHashSet<>());
        reachable.removeAll(visited);
        assertThat(reachable).as("components no model in TestModels.everyConcept() exercises: add them there").isEmpty();
    }

    @Test
    void theOwnersOfTheFixtureAreDistinct() {
        String zone = BASE.zones().get(0).name();
        String team = BASE.zones().get(0).teams().get(0).name();
        assertThat(Set.of(OWNERS.ecosystem(), OWNERS.zone(zone), OWNERS.team(zone, team))).hasSize(3);
    }

    private static void walk(Object value, UnaryOperator<Object> rebuild, Part part, String where, List<Mutation> out, Set<String> visited) {
        if (value instanceof Record record) {
            for (RecordComponent component : record.getClass().getRecordComponents()) {
                String id = name(record.getClass()) + "." + component.getName();
                visited.add(id);
                Object current = read(component, record);
                UnaryOperator<Object> rebuildHere = v -> rebuild.apply(with(record, component, v));
                Optional<Object> varied = vary(current, component.getGenericType());
                if (varied.isPresent()) {
                    out.add(new Mutation(id, where, (Ecosystem) rebuildHere.apply(varied.get()), partChangedBy(id, current, part)));
                }
                walk(current, rebuildHere, part, where, component, out, visited);
            }
        }
    }

    private static void walk(Object value, UnaryOperator<Object> rebuild, Part part, String where, RecordComponent component,
            List<Mutation> out, Set<String> visited) {
        if (value instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                int index = i;
                Object element = list.get(i);
                UnaryOperator<Object> rebuildElement = v -> {
                    List<Object> copy = new ArrayList<>(list);
                    copy.set(index, v);
                    return rebuild.apply(copy);
                };
                walk(element, rebuildElement, partOf(element, part), where + " / " + component.getName() + "[" + i + "]", out, visited);
            }
        } else if (value instanceof Optional<?> optional && optional.isPresent()) {
            walk(optional.get(), v -> rebuild.apply(Optional.of(v)), part, where + " / " + component.getName(), out, visited);
        } else {
            walk(value, rebuild, part, where + " / " + component.getName(), out, visited);
        }
    }

    /** Zones and teams are parts with their own owners; everything else belongs to the part that holds it. */
    private static Part partOf(Object element, Part outer) {
        if (element instanceof GovernanceZone zone) {
            return new Part(ModelPaths.zone(zone.name()), OWNERS.zone(zone.name()));
        }
        if (element instanceof Team team) {
            String zone = outer.path().segments().get(0).name();
            return new Part(ModelPaths.team(zone, team.name()), OWNERS.team(zone, team.name()));
        }
        return outer;
    }

    /** Removing the last zone or team of a list is that zone's or team's change. */
    private static Part partChangedBy(String id, Object current, Part part) {
        if ((id.equals("Ecosystem.zones") || id.equals("GovernanceZone.teams")) && current instanceof List<?> list && !list.isEmpty()) {
            return partOf(list.get(list.size() - 1), part);
        }
        return part;
    }

    /** A different value of the same declared type, or empty when only the value's own components can vary. */
    private static Optional<Object> vary(Object value, Type type) {
        Class<?> raw = raw(type);
        if (value instanceof String s) {
            return Optional.of(s + "_changed");
        } else if (value instanceof Boolean b) {
            return Optional.of(!b);
        } else if (value instanceof Integer i) {
            return Optional.of(i + 1);
        } else if (value instanceof Duration d) {
            return Optional.of(d.plusSeconds(1));
        } else if (value instanceof Enum<?> e) {
            Object[] constants = e.getDeclaringClass().getEnumConstants();
            return Optional.of(constants[(e.ordinal() + 1) % constants.length]);
        } else if (value instanceof Optional<?> o) {
            return Optional.of(o.isPresent() ? Optional.empty() : Optional.of(sample(argument(type))));
        } else if (value instanceof List<?> list) {
            List<Object> copy = new ArrayList<>(list);
            if (copy.isEmpty()) {
                copy.add(sample(argument(type)));
            } else {
                copy.remove(copy.size() - 1);
            }
            return Optional.of(copy);
        } else if (raw.isSealed()) {
            for (Class<?> variant : raw.getPermittedSubclasses()) {
                if (variant != value.getClass()) {
                    return Optional.of(sample(variant));
                }
            }
            return Optional.empty();
        } else if (value instanceof Record) {
            return Optional.empty();
        }
        return fail("cannot vary " + type.getTypeName() + ": teach EqualityCompletenessTest how to vary it");
    }

    private static Object sample(Type type) {
        Class<?> raw = raw(type);
        if (raw == String.class) {
            return "sample";
        } else if (raw == boolean.class || raw == Boolean.class) {
            return true;
        } else if (raw == int.class || raw == Integer.class) {
            return 7;
        } else if (raw == Duration.class) {
            return Duration.ofMinutes(1);
        } else if (raw.isEnum()) {
            return raw.getEnumConstants()[0];
        } else if (raw == Optional.class) {
            return Optional.empty();
        } else if (raw == List.class) {
            return List.of();
        } else if (raw.isSealed()) {
            return sample(raw.getPermittedSubclasses()[0]);
        } else if (raw.isRecord()) {
            RecordComponent[] components = raw.getRecordComponents();
            Object[] args = new Object[components.length];
            for (int i = 0; i < components.length; i++) {
                args[i] = sample(components[i].getGenericType());
            }
            return construct(raw, args);
        }
        return fail("cannot make a sample " + type.getTypeName() + ": teach EqualityCompletenessTest how to build one");
    }

    /** Every record component reachable from a type through components, list and optional elements, and sealed variants. */
    private static void reachable(Type type, Set<String> components, Set<Class<?>> seen) {
        if (type instanceof ParameterizedType p) {
            for (Type argument : p.getActualTypeArguments()) {
                reachable(argument, components, seen);
            }
            return;
        }
        Class<?> raw = raw(type);
        if (!seen.add(raw)) {
            return;
        }
        if (raw.isSealed()) {
            for (Class<?> variant : raw.getPermittedSubclasses()) {
                reachable(variant, components, seen);
            }
        }
        if (raw.isRecord()) {
            for (RecordComponent c : raw.getRecordComponents()) {
                components.add(name(raw) + "." + c.getName());
                reachable(c.getGenericType(), components, seen);
            }
        }
    }

    private static Object with(Record record, RecordComponent changed, Object value) {
        RecordComponent[] components = record.getClass().getRecordComponents();
        Object[] args = new Object[components.length];
        for (int i = 0; i < components.length; i++) {
            args[i] = components[i].getName().equals(changed.getName()) ? value : read(components[i], record);
        }
        return construct(record.getClass(), args);
    }

    private static Object construct(Class<?> recordClass, Object[] args) {
        Class<?>[] types = Stream.of(recordClass.getRecordComponents()).map(RecordComponent::getType).toArray(Class<?>[]::new);
        try {
            Constructor<?> constructor = recordClass.getDeclaredConstructor(types);
            return constructor.newInstance(args);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot construct " + recordClass.getName(), e);
        }
    }

    private static Object read(RecordComponent component, Object record) {
        try {
            return component.getAccessor().invoke(record);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Class<?> raw(Type type) {
        return type instanceof ParameterizedType p ? (Class<?>) p.getRawType() : (Class<?>) type;
    }

    private static Type argument(Type type) {
        return ((ParameterizedType) type).getActualTypeArguments()[0];
    }

    private static String name(Class<?> type) {
        return type.getName().substring(type.getPackageName().length() + 1).replace('$', '.');
    }
}
