package io.datasurface.local;

import io.datasurface.cli.JobEnvironment;
import io.datasurface.kpsg.IntentionGraph;
import io.datasurface.model.CredentialStore;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;

/**
 * The platform's long-running services, each in its own JVM in serve mode as its Deployment runs it:
 * model-service watching a git repository of the model (made here, one commit), render-service writing
 * what it renders from the published graph, and the notifier posting every event to a Slack stand-in.
 * Their logs go to files in the working folder; closing ends them.
 */
final class LocalServices implements AutoCloseable {
    private final List<Process> processes = new ArrayList<>();
    private SlackStandIn slack;

    private LocalServices() {
    }

    static LocalServices start(Path workDir, Path model, IntentionGraph graph, String bootstrapServers, Path renderedOut, PrintStream progress)
            throws IOException, GitAPIException {
        LocalServices services = new LocalServices();
        try {
            services.slack = SlackStandIn.start(progress);
            Path repository = modelRepository(model, workDir.resolve("model-repo"));
            Map<String, String> kafka = Map.of("KAFKA_BOOTSTRAP_SERVERS", bootstrapServers, JobEnvironment.KAFKA_BOOTSTRAP_SERVERS, bootstrapServers,
                    "QUARKUS_HTTP_PORT", "0");
            Map<String, String> modelService = new LinkedHashMap<>(kafka);
            modelService.put("DATASURFACE_REPOSITORY_URL", repository.toString());
            modelService.put("DATASURFACE_WORK_DIR", workDir.resolve("model-service").toString());
            modelService.put("DATASURFACE_POLL_INTERVAL", "5s");
            services.launch("model-service", List.of("serve"), modelService, workDir);
            Map<String, String> renderService = new LinkedHashMap<>(kafka);
            renderService.put("DATASURFACE_RENDER_OUT_DIR", renderedOut.toAbsolutePath().toString());
            // No Kubernetes API here to ask for the secrets.
            renderService.put("DATASURFACE_RENDER_CHECK_CREDENTIALS", "false");
            services.launch("render-service", List.of("serve"), renderService, workDir);
            Map<String, String> notifier = new LinkedHashMap<>(kafka);
            notifier.put(CredentialStore.KubernetesSecrets.environmentPrefix(graph.platform().slack().credential().name()) + "_TOKEN",
                    services.slack.url());
            services.launch("notifier", List.of("serve", "--model", model.toAbsolutePath().toString(), "--platform", graph.platform().name()),
                    notifier, workDir);
            progress.printf("local: model-service, render-service and notifier serving (logs in %s); Slack messages below%n", workDir);
            return services;
        } catch (IOException | GitAPIException | RuntimeException e) {
            services.close();
            throw e;
        }
    }

    /** A repository holding the model folder's files in one commit on main, as the model-service watches in production. */
    private static Path modelRepository(Path model, Path repository) throws IOException, GitAPIException {
        try (Stream<Path> files = Files.walk(model)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Path target = repository.resolve(model.relativize(file).toString());
                Files.createDirectories(target.getParent());
                Files.copy(file, target);
            }
        }
        try (Git git = Git.init().setDirectory(repository.toFile()).setInitialBranch("main").call()) {
            git.add().addFilepattern(".").call();
            git.commit().setMessage("the model of the local platform").setAuthor("DataSurface local", "local@datasurface.invalid")
                    .setCommitter("DataSurface local", "local@datasurface.invalid").call();
        }
        return repository;
    }

    private void launch(String module, List<String> arguments, Map<String, String> environment, Path workDir) throws IOException {
        Path jar = ServiceJars.of(module);
        if (!Files.isRegularFile(jar)) {
            throw new IllegalArgumentException("no " + module + " at " + jar + ": build it first (./mvnw -pl " + module + " -am package -DskipTests)");
        }
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-Xmx256m", "-jar", jar.toAbsolutePath().toString()));
        command.addAll(arguments);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(workDir.resolve(module + ".log").toFile());
        builder.environment().putAll(environment);
        processes.add(builder.start());
    }

    List<String> slackMessages() {
        return slack == null ? List.of() : slack.messages();
    }

    @Override
    public void close() {
        for (Process p : processes) {
            p.destroy();
        }
        for (Process p : processes) {
            try {
                if (!p.waitFor(20, TimeUnit.SECONDS)) {
                    p.destroyForcibly().waitFor();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                p.destroyForcibly();
            }
        }
        if (slack != null) {
            slack.close();
        }
    }
}
