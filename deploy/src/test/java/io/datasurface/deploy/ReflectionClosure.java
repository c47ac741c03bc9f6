package io.datasurface.deploy;

import io.datasurface.events.DataSurfaceEvent;
import io.datasurface.events.PlatformGraph;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.lang.reflect.WildcardType;
import java.net.URISyntaxException;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * The DataSurface classes a native image must keep open to reflection: what Jackson builds or writes (the graph record
 * of datasurface.graph and every event of datasurface.events, with every record, enum and sealed variant they hold)
 * and what the Qute templates read by reflection (the renderers' view records). The YAML reader builds the model by
 * hand from SnakeYAML's nodes and needs none of it.
 */
final class ReflectionClosure {
    /** The renderers' packages: their records are the data the templates read. */
    private static final String RENDER_PACKAGE = "io/datasurface/render/";

    private ReflectionClosure() {
    }

    static Set<String> classNames() {
        Deque<Class<?>> todo = new ArrayDeque<>(List.of(PlatformGraph.class, DataSurfaceEvent.class));
        for (String name : coreClassNames()) {
            if (name.startsWith(RENDER_PACKAGE.replace('/', '.'))) {
                Class<?> type = load(name);
                if (type.isRecord()) {
                    todo.add(type);
                }
            }
        }
        Set<String> seen = new TreeSet<>();
        while (!todo.isEmpty()) {
            Class<?> type = todo.pop();
            if (!type.getName().startsWith("io.datasurface.") || !seen.add(type.getName())) {
                continue;
            }
            if (type.isRecord()) {
                for (RecordComponent component : type.getRecordComponents()) {
                    addTypes(component.getGenericType(), todo);
                }
            }
            if (type.isSealed()) {
                todo.addAll(List.of(type.getPermittedSubclasses()));
            }
        }
        return seen;
    }

    private static void addTypes(Type type, Deque<Class<?>> todo) {
        if (type instanceof Class<?> c) {
            todo.add(c.isArray() ? c.getComponentType() : c);
        } else if (type instanceof ParameterizedType p) {
            addTypes(p.getRawType(), todo);
            for (Type argument : p.getActualTypeArguments()) {
                addTypes(argument, todo);
            }
        } else if (type instanceof GenericArrayType a) {
            addTypes(a.getGenericComponentType(), todo);
        } else if (type instanceof WildcardType w) {
            for (Type bound : w.getUpperBounds()) {
                addTypes(bound, todo);
            }
        }
    }

    /** Every class of core, read from where core's classes are (its jar, or its classes folder). */
    static List<String> coreClassNames() {
        try (Stream<Path> files = Files.walk(coreRoot())) {
            return files.map(Path::toString).filter(p -> p.endsWith(".class")).map(ReflectionClosure::className).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The root of core's classes and resources: a folder, or the root of its jar. */
    static Path coreRoot() {
        try {
            Path location = Path.of(PlatformGraph.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            if (Files.isDirectory(location)) {
                return location;
            }
            FileSystem jar = FileSystems.newFileSystem(location);
            return jar.getRootDirectories().iterator().next();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String className(String path) {
        int start = path.indexOf("io/datasurface/");
        return path.substring(start, path.length() - ".class".length()).replace('/', '.');
    }

    static Class<?> load(String name) {
        try {
            return Class.forName(name, false, ReflectionClosure.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("no class " + name, e);
        }
    }
}
