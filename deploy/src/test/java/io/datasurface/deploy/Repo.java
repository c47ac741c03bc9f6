package io.datasurface.deploy;

import java.nio.file.Files;
import java.nio.file.Path;

/** Paths of the repository this module checks; Maven runs the tests in deploy/. */
final class Repo {
    static final Path ROOT = root();
    static final Path K8S = ROOT.resolve("k8s");
    static final Path DOCKER = ROOT.resolve("src/main/docker");
    static final Path NATIVE_IMAGE = ROOT.resolve("deploy/native-image");

    private Repo() {
    }

    private static Path root() {
        Path here = Path.of("").toAbsolutePath();
        for (Path p = here; p != null; p = p.getParent()) {
            if (Files.isDirectory(p.resolve("k8s")) && Files.isRegularFile(p.resolve("pom.xml"))) {
                return p;
            }
        }
        throw new IllegalStateException("no repository root with k8s/ above " + here);
    }
}
