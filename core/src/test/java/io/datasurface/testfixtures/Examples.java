package io.datasurface.testfixtures;

import java.nio.file.Files;
import java.nio.file.Path;

/** Finds the repository's examples/ folder from any module's working directory. */
public final class Examples {
    private Examples() {
    }

    public static Path root() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null) {
            Path candidate = dir.resolve("examples");
            if (Files.isDirectory(candidate.resolve("acme"))) {
                return candidate;
            }
            dir = dir.getParent();
        }
        throw new IllegalStateException("no examples/acme above " + Path.of("").toAbsolutePath());
    }

    /** The realistic example model. */
    public static Path acme() {
        return root().resolve("acme");
    }

    /** The smallest valid model, which the invalid examples each break in one way. */
    public static Path minimal() {
        return root().resolve("minimal");
    }

    public static Path invalid(String name) {
        return root().resolve("invalid").resolve(name);
    }
}
