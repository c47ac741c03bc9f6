package io.datasurface.local;

import static java.util.Objects.requireNonNull;

import io.datasurface.render.airflow.AirflowDags;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Runs a merge-worker task the way Airflow's KubernetesPodOperator runs it, with a child JVM in place
 * of the pod: the image's program ({@code merge-worker/target/quarkus-app/quarkus-run.jar}), the
 * task's arguments as rendered (the rendered claim's mount point replaced by the local platform's rendered folder,
 * which holds the graph file the task names), and the
 * task's environment, each secret key filled from the local platform's secrets. Like the pod, it
 * also gets {@code DATASURFACE_JDBC_URL} and the Kafka override, because the model names the
 * cluster's hosts.
 */
public final class MergeWorkerPods implements AutoCloseable {
    /** The packaged merge-worker; by default the one of this repository's build (see {@link ServiceJars}). */
    public static final String JAR_PROPERTY = "datasurface.merge-worker.jar";

    /** A finished pod: its exit code, how long it ran and what it printed (stdout and stderr, in order). */
    public record Run(List<String> arguments, int exitCode, Duration took, String output) {
        public Run {
            arguments = List.copyOf(arguments);
            requireNonNull(took, "took is null");
            requireNonNull(output, "output is null");
        }

        public boolean succeeded() {
            return exitCode == 0;
        }
    }

    /** The AppCDS archive the merge-worker's build writes beside its jar (quarkus.package.jar.appcds.enabled). */
    static final String APPCDS_ARCHIVE = "app-cds.jsa";

    private final Path jar;
    private final Path rendered;
    private final Map<String, String> secrets;
    private final Map<String, String> overrides;
    private final Set<Process> running = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    /**
     * @param rendered the folder standing in for the rendered claim: it holds the graph file under {@code graphs/}
     * @param secrets the value of each secret key, by {@code secret/key}
     * @param overrides environment variables the cluster would not need (the database URL, the Kafka servers)
     */
    public MergeWorkerPods(Path jar, Path rendered, Map<String, String> secrets, Map<String, String> overrides) {
        this.jar = requireNonNull(jar, "jar is null");
        this.rendered = requireNonNull(rendered, "rendered is null").toAbsolutePath();
        this.secrets = Map.copyOf(secrets);
        this.overrides = Map.copyOf(overrides);
        if (!Files.isRegularFile(jar)) {
            throw new IllegalArgumentException("no merge-worker at " + jar + ": build it first (./mvnw -pl merge-worker -am package -DskipTests)"
                    + " or point -D" + JAR_PROPERTY + " at it");
        }
    }

    /** The packaged merge-worker named by {@value #JAR_PROPERTY}, or the one in this repository's build. */
    public static Path defaultJar() {
        String configured = System.getProperty(JAR_PROPERTY);
        return configured != null ? Path.of(configured) : ServiceJars.of("merge-worker");
    }

    /** Runs the task to its end. */
    public Run run(AirflowDags.PodTask task) throws IOException, InterruptedException {
        return run(task.arguments(), task.env());
    }

    /** Runs the merge-worker with these arguments, as rendered, and a task's environment. */
    public Run run(List<String> renderedArguments, List<AirflowDags.EnvVar> taskEnv) throws IOException, InterruptedException {
        String claim = AirflowDags.RENDERED_PATH + "/";
        List<String> arguments = renderedArguments.stream()
                .map(a -> a.startsWith(claim) ? rendered.resolve(a.substring(claim.length())).toString() : a).toList();
        // The JVM options come from the task's environment (JDK_JAVA_OPTIONS), as in the pod. Like the image's launcher, this
        // uses the AppCDS archive the build made beside the jar; that one names the jar relative to its folder, so the
        // pod runs from there (every path it is given is absolute).
        List<String> command = new ArrayList<>(List.of(javaExecutable(), "-Xshare:auto"));
        Path folder = jar.toAbsolutePath().getParent();
        if (Files.isRegularFile(folder.resolve(APPCDS_ARCHIVE))) {
            command.add("-XX:SharedArchiveFile=" + APPCDS_ARCHIVE);
        }
        command.addAll(List.of("-jar", jar.getFileName().toString()));
        command.addAll(arguments);
        ProcessBuilder builder = new ProcessBuilder(command).directory(folder.toFile()).redirectErrorStream(true);
        Map<String, String> env = builder.environment();
        for (AirflowDags.EnvVar variable : taskEnv) {
            if (variable.isSecret()) {
                String key = variable.secret().secret() + "/" + variable.secret().key();
                String value = secrets.get(key);
                if (value == null) {
                    throw new IllegalStateException("the local platform has no value for secret key " + key + " that "
                            + arguments.get(0) + " needs");
                }
                env.put(variable.name(), value);
            } else {
                env.put(variable.name(), variable.value());
            }
        }
        env.putAll(overrides);
        long start = System.nanoTime();
        if (closed) {
            throw new IllegalStateException("the local platform is stopping; no new pods start");
        }
        Process process = builder.start();
        running.add(process);
        try (InputStream out = process.getInputStream()) {
            String output = new String(out.readAllBytes(), StandardCharsets.UTF_8);
            int exit = process.waitFor();
            return new Run(arguments, exit, Duration.ofNanos(System.nanoTime() - start), output);
        } finally {
            running.remove(process);
        }
    }

    private static String javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** Ends the pods still running, as a deleted Airflow worker would, and waits for them. */
    @Override
    public void close() throws InterruptedException {
        closed = true;
        for (Process p : running) {
            p.destroy();
        }
        for (Process p : running) {
            if (!p.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor();
            }
        }
    }
}
