package io.datasurface.local;

import java.nio.file.Path;

/**
 * Where the packaged services are: each module's Quarkus application under the repository root,
 * which is the working folder (bin/demo runs from it) unless {@value #ROOT_PROPERTY} names it.
 */
final class ServiceJars {
    static final String ROOT_PROPERTY = "datasurface.local.root";

    private ServiceJars() {
    }

    static Path of(String module) {
        return Path.of(System.getProperty(ROOT_PROPERTY, ".")).resolve(module).resolve("target/quarkus-app/quarkus-run.jar").normalize();
    }
}
