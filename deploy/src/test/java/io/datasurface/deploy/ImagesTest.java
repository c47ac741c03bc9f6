package io.datasurface.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The Dockerfiles build what the pods run: every service the Deployments of k8s/ and the rendered DAGs start is in
 * the image under its own name, the image runs as a user other than root, and no credential is built into it.
 */
class ImagesTest {
    static final List<String> SERVICES = List.of("model-service", "render-service", "merge-worker", "metrics-exporter", "notifier");

    @Test
    void theJvmImageHoldsEveryServiceInTheFastJarLayoutUnderItsLauncherName() throws IOException {
        String dockerfile = read("Dockerfile.jvm");
        for (String service : SERVICES) {
            for (String layer : List.of("lib/", "quarkus/", "app/", "quarkus-run.jar")) {
                assertThat(dockerfile).contains(service + "/target/quarkus-app/" + layer + " /deployments/" + service + "/");
            }
            assertThat(dockerfile).containsPattern("for service in [a-z -]*\\b" + service + "\\b");
        }
        assertThat(read("bin/launch")).contains("/deployments/$service/quarkus-run.jar");
    }

    @Test
    void theNativeImageHoldsEveryServiceExecutableUnderItsLauncherName() throws IOException {
        String dockerfile = read("Dockerfile.native");
        for (String service : SERVICES) {
            assertThat(dockerfile).contains(service + "/target/*-runner /usr/local/bin/" + service);
        }
    }

    @Test
    void bothImagesRunAsAnotherUserThanRootAndCarryNoCredential() throws IOException {
        for (String name : List.of("Dockerfile.jvm", "Dockerfile.native")) {
            String dockerfile = read(name);
            List<String> users = dockerfile.lines().filter(l -> l.startsWith("USER ")).toList();
            assertThat(users).as(name).isNotEmpty();
            assertThat(users.get(users.size() - 1)).as("the last USER of " + name).isNotIn("USER root", "USER 0");
            assertThat(dockerfile.lines().filter(l -> !l.startsWith("#")).toList()).as(name)
                    .noneMatch(l -> l.matches("(?i).*(ENV|ARG)\\s+\\S*(PASSWORD|TOKEN|SECRET)\\S*[= ].*"));
            assertThat(dockerfile).as(name).contains("HEALTHCHECK");
        }
    }

    @Test
    void eachBuildContextIsLimitedToWhatItsDockerfileCopies() throws IOException {
        assertThat(read("Dockerfile.jvm.dockerignore")).startsWith("#").contains("\n*\n").contains("!*/target/quarkus-app/");
        assertThat(read("Dockerfile.native.dockerignore")).contains("\n*\n").contains("!*/target/*-runner");
    }

    private static String read(String name) throws IOException {
        return Files.readString(Repo.DOCKER.resolve(name), StandardCharsets.UTF_8);
    }
}
