package io.datasurface.renderservice;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.main.Launch;
import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainLauncher;
import io.quarkus.test.junit.main.QuarkusMainTest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@QuarkusMainTest
class RenderCommandTest {

    @Test
    void helpExitsZeroOnEveryCommand(QuarkusMainLauncher launcher) {
        for (String command : List.of("render", "bootstrap", "check-credentials")) {
            LaunchResult result = launcher.launch(command, "--help");
            assertThat(result.exitCode()).as(command + " --help").isZero();
            assertThat(result.getOutput()).as(command + " --help").contains("Usage:");
        }
        assertThat(launcher.launch("--help").exitCode()).isZero();
    }

    @Test
    void renderAndBootstrapWriteTheGoldenFilesAndRemoveOnlyStaleFilesOfThePlatform(QuarkusMainLauncher launcher, @TempDir Path out)
            throws IOException {
        Files.createDirectories(out.resolve("dags"));
        Files.writeString(out.resolve("dags/prod_merge_removed_db.py"), "# a DAG of a batch-stream the model no longer has\n");
        Files.writeString(out.resolve("dags/someone_elses_dag.py"), "# not DataSurface's\n");
        Files.createDirectories(out.resolve("kafka-connect/prod/json"));
        Files.writeString(out.resolve("kafka-connect/prod/json/datasurface.prod.removed_staging.json"), "{}\n");

        LaunchResult render = launcher.launch("render", "--model", Acme.MODEL.toString(), "--platform", Acme.PLATFORM, "--commit", Acme.COMMIT,
                "--out", out.toString());
        assertThat(render.exitCode()).as(render.getErrorOutput()).isZero();
        LaunchResult bootstrap = launcher.launch("bootstrap", "--model", Acme.MODEL.toString(), "--platform", Acme.PLATFORM, "--out",
                out.toString());
        assertThat(bootstrap.exitCode()).as(bootstrap.getErrorOutput()).isZero();

        assertThat(render.getOutput()).contains("deleted   dags/prod_merge_removed_db.py");
        assertThat(out.resolve("dags/someone_elses_dag.py")).exists();
        Files.delete(out.resolve("dags/someone_elses_dag.py"));
        assertThat(relativeFiles(out)).isEqualTo(relativeFiles(Acme.GOLDEN));
        for (String path : relativeFiles(Acme.GOLDEN)) {
            assertThat(Files.readString(out.resolve(path), StandardCharsets.UTF_8)).as(path)
                    .isEqualTo(Files.readString(Acme.GOLDEN.resolve(path), StandardCharsets.UTF_8));
        }
    }

    @Test
    @Launch(value = {"render", "--model", "../examples/acme", "--platform", "Staging", "--out", "target/unused"}, exitCode = 2)
    void anUnknownPlatformIsUnusableInputAndNamesTheKnownOnes(LaunchResult result) {
        assertThat(result.getErrorOutput()).contains("no platform named 'Staging'").contains("it has: Prod");
    }

    @Test
    @Launch(value = {"bootstrap", "--model", "../examples/invalid/duplicate-column", "--platform", "Prod", "--out", "target/unused"},
            exitCode = 1)
    void aModelWithErrorsIsRejectedAndNothingIsWritten(LaunchResult result) {
        assertThat(result.getErrorOutput()).contains("column 'email' is defined more than once");
        assertThat(Path.of("target/unused")).doesNotExist();
    }

    private static List<String> relativeFiles(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            return paths.filter(Files::isRegularFile).map(p -> root.relativize(p).toString().replace('\\', '/')).sorted().toList();
        }
    }

    @Test
    void renderOfAModelOutsideGitWithoutCommitIsUnusableInput(QuarkusMainLauncher launcher, @TempDir Path dir) throws IOException {
        Path model = dir.resolve("model");
        try (var files = Files.walk(Acme.MODEL)) {
            for (Path f : files.toList()) {
                Path target = model.resolve(Acme.MODEL.relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(f, target);
                }
            }
        }

        LaunchResult render = launcher.launch("render", "--model", model.toString(), "--platform", Acme.PLATFORM, "--out",
                dir.resolve("out").toString());

        assertThat(render.exitCode()).isEqualTo(2);
        assertThat(render.getErrorOutput()).contains("is not in a git work tree, so its commit is unknown: pass --commit SHA");
    }
}
