package io.datasurface.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The image's launcher (src/main/docker/bin/launch) chooses the collector of a one-shot command. Run here through a
 * link named after a service, as in the image, with its /deployments moved to a temporary directory and a stand-in
 * {@code java} on the PATH that prints the command line it was given, so no image and no JVM start is needed.
 */
class LauncherTest {
    private static final String SERIAL = "-XX:+UseSerialGC";

    @TempDir
    Path dir;

    @Test
    void aOneShotCommandRunsWithTheSerialCollectorAndItsArgumentsUnchanged() throws Exception {
        List<String> java = launch(Map.of(), "check", "--repo-dir", ". with space");

        assertThat(java).containsSubsequence(SERIAL, "-jar", dir.resolve("deployments/model-service/quarkus-run.jar").toString(), "check",
                "--repo-dir", ". with space");
    }

    @Test
    void serveKeepsTheJvmsOwnCollectorChoice() throws Exception {
        assertThat(launch(Map.of(), "serve")).doesNotContain(SERIAL).endsWith("serve");
    }

    @Test
    void aCollectorChosenByTheImageOrThePodIsNotJoinedByASecondOne() throws Exception {
        assertThat(launch(Map.of("JAVA_OPTS_APPEND", "-XX:MaxRAMPercentage=75.0 -XX:+UseParallelGC"), "lint", "."))
                .contains("-XX:+UseParallelGC").doesNotContain(SERIAL);
        // A job pod's options (the rendered DAGs' JDK_JAVA_OPTIONS) reach java by the environment, not the command line.
        assertThat(launch(Map.of("JDK_JAVA_OPTIONS", "-XX:+UseG1GC"), "merge", "--stream", "s")).doesNotContain(SERIAL);
        assertThat(launch(Map.of("JAVA_TOOL_OPTIONS", "-XX:+UseZGC"), "plan")).doesNotContain(SERIAL);
    }

    @Test
    void optionsTheLauncherCannotReadAreLeftToChooseTheCollector() throws Exception {
        assertThat(launch(Map.of("JDK_JAVA_OPTIONS", "@/etc/jvm-options"), "check")).doesNotContain(SERIAL);
        assertThat(launch(Map.of("JAVA_OPTS_APPEND", "-XX:Flags=/etc/jvm-flags"), "check")).doesNotContain(SERIAL);
    }

    @Test
    void otherOptionsAboutTheCollectorDoNotChooseOne() throws Exception {
        assertThat(launch(Map.of("JAVA_OPTS_APPEND", "-XX:+UseContainerSupport -XX:MaxGCPauseMillis=100 -XX:+UseGCOverheadLimit"), "lint", "."))
                .contains(SERIAL);
    }

    /** The arguments the stand-in java received from {@code model-service ARGS}. */
    private List<String> launch(Map<String, String> environment, String... args) throws IOException, InterruptedException {
        Path deployments = dir.resolve("deployments");
        Files.createDirectories(deployments.resolve("model-service"));
        Files.writeString(deployments.resolve("model-service/quarkus-run.jar"), "");
        Path bin = Files.createDirectories(dir.resolve("bin"));
        String launcher = Files.readString(Repo.DOCKER.resolve("bin/launch"), StandardCharsets.UTF_8);
        assertThat(launcher).contains("\"/deployments/$service/");
        executable(bin.resolve("launch"), launcher.replace("\"/deployments/", "\"" + deployments + "/"));
        executable(bin.resolve("java"), "#!/bin/sh\nprintf '%s\\n' \"$@\"\n");
        Files.deleteIfExists(bin.resolve("model-service"));
        Files.createSymbolicLink(bin.resolve("model-service"), bin.resolve("launch"));

        ProcessBuilder builder = new ProcessBuilder(command(bin.resolve("model-service"), args)).redirectError(ProcessBuilder.Redirect.INHERIT);
        builder.environment().remove("JAVA_OPTS_APPEND");
        builder.environment().remove("JDK_JAVA_OPTIONS");
        builder.environment().remove("JAVA_TOOL_OPTIONS");
        builder.environment().putAll(environment);
        builder.environment().put("PATH", bin + ":" + System.getenv("PATH"));
        Process process = builder.start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as("launch's exit code; it printed:\n" + out).isZero();
        return out.lines().toList();
    }

    private static List<String> command(Path program, String... args) {
        return Stream.concat(Stream.of(program.toString()), Arrays.stream(args)).toList();
    }

    private static void executable(Path file, String text) throws IOException {
        Files.writeString(file, text, StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
}
