package io.datasurface.modelservice.bench;

import io.datasurface.bench.LoadLintBenchmark;
import io.datasurface.model.Ecosystem;
import io.datasurface.model.Repository;
import io.datasurface.testing.BenchMachine;
import io.datasurface.yaml.ModelWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.eclipse.jgit.api.Git;

/**
 * The pull-request gate on a model of 40,000 datasets (LoadLintBenchmark's): the packaged {@code model-service check} of
 * a commit that adds one nullable column to one team file, in a child JVM from start to exit, beside the baseline of the
 * same run: {@code model-service lint} of the changed model, one model loaded and linted, which a check of any change
 * costs at least. Both with the JVM's default collector and with the serial collector that the image's launcher gives
 * one-shot commands; round by round, so that a change of the machine's load touches every variant alike. Prints the
 * figures; not a test.
 *
 * <pre>
 * ./mvnw -B -q -pl model-service -am package -DskipTests      # the packaged model-service
 * ./mvnw -B -q -pl model-service test-compile dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=/tmp/ms-cp.txt
 * java -Djava.util.logging.manager=org.jboss.logmanager.LogManager \
 *   -cp model-service/target/test-classes:model-service/target/classes:$(cat /tmp/ms-cp.txt) \
 *   io.datasurface.modelservice.bench.CheckBenchmark           # -Druns=3; -Dapp=DIR: another build's quarkus-app folder
 * </pre>
 */
public final class CheckBenchmark {
    private static final int RUNS = Integer.getInteger("runs", 3);
    private static final List<String> SERIAL = List.of("-XX:+UseSerialGC");

    private CheckBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path app = Path.of(System.getProperty("app", Files.exists(Path.of("model-service/target/quarkus-app/quarkus-run.jar"))
                ? "model-service/target/quarkus-app" : "target/quarkus-app")).toAbsolutePath();
        if (!Files.exists(app.resolve("quarkus-run.jar"))) {
            System.out.println("build the jar first: ./mvnw -B -q -pl model-service -am package -DskipTests");
            System.exit(2);
        }
        Ecosystem model = LoadLintBenchmark.generate();
        Ecosystem changed = LiveModelBenchmark.withColumn(model, "added_column");
        Repository owner = model.zones().get(0).teamDeclarations().get(0).owner();
        Path repo = Files.createTempDirectory("ds-check-bench");
        ModelWriter.write(model, repo);
        try (Git git = Git.init().setDirectory(repo.toFile()).setInitialBranch("main").call()) {
            git.add().addFilepattern(".").call();
            git.commit().setMessage("model").setAuthor(LiveModelBenchmark.AUTHOR).setCommitter(LiveModelBenchmark.AUTHOR).call();
            git.checkout().setCreateBranch(true).setName("change").call();
            Files.writeString(repo.resolve(LiveModelBenchmark.TEAM_FILE), ModelWriter.toFiles(changed).get(LiveModelBenchmark.TEAM_FILE));
            git.add().addFilepattern(LiveModelBenchmark.TEAM_FILE).call();
            git.commit().setMessage("one nullable column").setAuthor(LiveModelBenchmark.AUTHOR).setCommitter(LiveModelBenchmark.AUTHOR).call();
        }
        System.out.printf("model: 40,000 datasets in git at %s; the change: one nullable column in %s, from %s@%s%n", repo,
                LiveModelBenchmark.TEAM_FILE, owner.url(), owner.branch());

        List<String> lint = List.of("lint", repo.toString());
        List<String> check = List.of("check", "--repo-dir", repo.toString(), "--base", "main", "--head", "change", "--source",
                owner.url() + "@" + owner.branch());
        List<Variant> variants = List.of(new Variant("lint of the changed model (baseline), default collector", List.of(), lint),
                new Variant("check of the change, default collector", List.of(), check),
                new Variant("lint of the changed model (baseline), serial collector", SERIAL, lint),
                new Variant("check of the change, serial collector (bin/launch)", SERIAL, check));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        double[][] millis = new double[variants.size()][RUNS];
        for (int round = 0; round < RUNS; round++) {
            for (int v = 0; v < variants.size(); v++) {
                millis[v][round] = run(java, app, variants.get(v));
            }
        }
        for (int v = 0; v < variants.size(); v++) {
            System.out.printf(Locale.ROOT, "  %-60s start to exit: median %5.0f ms (runs %s)%n", variants.get(v).label(), median(millis[v]),
                    Arrays.toString(Arrays.stream(millis[v]).mapToLong(Math::round).toArray()));
        }
        System.out.printf(Locale.ROOT, "check / lint: %.2fx (default collector), %.2fx (serial); serial / default: check %.2fx, lint %.2fx%n",
                median(millis[1]) / median(millis[0]), median(millis[3]) / median(millis[2]), median(millis[3]) / median(millis[1]),
                median(millis[2]) / median(millis[0]));
        System.out.println("machine: " + BenchMachine.describe());
        deleteTree(repo);
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    private record Variant(String label, List<String> jvmOptions, List<String> arguments) {
    }

    /** Runs the packaged model-service once and answers its wall time; a run that does not end in 0 stops the benchmark. */
    private static double run(String java, Path app, Variant variant) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(java));
        command.addAll(variant.jvmOptions());
        command.addAll(List.of("-jar", app.resolve("quarkus-run.jar").toString()));
        command.addAll(variant.arguments());
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        long start = System.nanoTime();
        Process process = pb.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int exit = process.waitFor();
        double millis = (System.nanoTime() - start) / 1e6;
        if (exit != 0) {
            throw new IllegalStateException(variant.label() + " exited " + exit + ":\n" + output);
        }
        return millis;
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
