package io.datasurface.renderservice;

import io.datasurface.kpsg.IntentionGraph;
import io.datasurface.kpsg.graphfile.GraphFiles;
import io.datasurface.render.RenderedFile;
import io.datasurface.render.airflow.AirflowDags;
import io.datasurface.render.connect.SinkConnectors;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Writes rendered files under an output folder. Each file is written to a temporary sibling and
 * moved into place, so Airflow never parses half a DAG; files the rendering owns but no longer
 * produced (the DAG of a removed batch-stream) are deleted. Unchanged files are left untouched.
 */
public final class RenderedOutput {
    private RenderedOutput() {
    }

    /** What changed on disk. */
    public record Changes(List<String> written, List<String> unchanged, List<String> deleted) {
    }

    /** A folder (relative to the output folder) whose files starting with {@code prefix} belong to the rendering. */
    public record Owned(String folder, String prefix) {
    }

    /** What a platform's rendering owns under the output folder: its DAGs, its graph file and its sink connectors. */
    public static List<Owned> ownedBy(IntentionGraph graph) {
        return List.of(new Owned(AirflowDags.FOLDER, graph.schema() + "_"), new Owned(GraphFiles.FOLDER, graph.schema() + "."),
                new Owned(SinkConnectors.folder(graph), ""));
    }

    public static Changes write(Path out, List<RenderedFile> files, List<Owned> owned) throws IOException {
        List<String> written = new ArrayList<>();
        List<String> unchanged = new ArrayList<>();
        Set<Path> produced = new HashSet<>();
        for (RenderedFile file : files) {
            Path target = out.resolve(file.path()).normalize();
            produced.add(target);
            byte[] bytes = file.content().getBytes(StandardCharsets.UTF_8);
            if (Files.isRegularFile(target) && Arrays.equals(Files.readAllBytes(target), bytes)) {
                unchanged.add(file.path());
                continue;
            }
            Files.createDirectories(target.getParent());
            Path temp = target.resolveSibling("." + target.getFileName() + ".tmp");
            Files.write(temp, bytes);
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            written.add(file.path());
        }
        List<String> deleted = new ArrayList<>();
        for (Owned o : owned) {
            Path dir = out.resolve(o.folder()).normalize();
            if (!Files.isDirectory(dir)) {
                continue;
            }
            try (Stream<Path> paths = Files.walk(dir)) {
                for (Path p : paths.filter(Files::isRegularFile).sorted().toList()) {
                    if (!produced.contains(p) && p.getFileName().toString().startsWith(o.prefix())) {
                        Files.delete(p);
                        deleted.add(out.relativize(p).toString().replace('\\', '/'));
                    }
                }
            }
        }
        return new Changes(written, unchanged, deleted);
    }
}
