package io.datasurface.yaml;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The YAML files of a model, by path relative to the model's root ('/'-separated), wherever they
 * came from: a folder, or a tree in a git repository.
 */
public record ModelFiles(String origin, SortedMap<String, String> files) {
    public ModelFiles {
        requireNonNull(origin, "origin is null");
        files = new TreeMap<>(requireNonNull(files, "files is null"));
    }

    public static ModelFiles of(String origin, Map<String, String> files) {
        return new ModelFiles(origin, new TreeMap<>(files));
    }

    /** Reads every {@code .yaml} and {@code .yml} file under the folder. */
    public static ModelFiles fromDirectory(Path root) throws ModelLoadException {
        if (!Files.isDirectory(root)) {
            throw new ModelLoadException("model folder " + root + " does not exist or is not a folder: "
                    + "give the folder that holds ecosystem.yaml");
        }
        SortedMap<String, String> files = new TreeMap<>();
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.filter(Files::isRegularFile).filter(ModelFiles::isYaml).toList()) {
                String relative = root.relativize(p).toString().replace('\\', '/');
                files.put(relative, Files.readString(p, StandardCharsets.UTF_8));
            }
        } catch (IOException | UncheckedIOException e) {
            throw new ModelLoadException("cannot read model folder " + root + ": " + e.getMessage());
        }
        return new ModelFiles(root.toString(), files);
    }

    private static boolean isYaml(Path p) {
        String name = p.getFileName().toString();
        return name.endsWith(".yaml") || name.endsWith(".yml");
    }
}
