package io.datasurface.renderservice;

import io.datasurface.render.RenderedFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Rewrites the golden files from the current renderers. Run it on purpose, from render-service/, and
 * review the diff: {@code ../mvnw -B -o test-compile exec:java -Dexec.classpathScope=test
 * -Dexec.mainClass=io.datasurface.renderservice.UpdateGoldenFiles}. Tests never call it.
 */
public final class UpdateGoldenFiles {
    private UpdateGoldenFiles() {
    }

    public static void main(String[] args) throws IOException {
        Path golden = Acme.GOLDEN;
        if (Files.exists(golden)) {
            try (Stream<Path> paths = Files.walk(golden)) {
                for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
        for (RenderedFile file : Acme.allFiles()) {
            Path target = golden.resolve(file.path());
            Files.createDirectories(target.getParent());
            Files.writeString(target, file.content(), StandardCharsets.UTF_8);
            System.out.println("wrote " + target);
        }
    }
}
