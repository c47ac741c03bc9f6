package io.datasurface.render.airflow;

import static java.util.Objects.requireNonNull;

import io.datasurface.kpsg.BatchStream;
import io.datasurface.kpsg.IntentionGraph;
import io.datasurface.kpsg.graphfile.GraphFiles;
import io.datasurface.model.KubernetesPGStarter;
import io.datasurface.render.KubernetesNames;
import io.datasurface.render.PlatformSecrets;
import io.datasurface.render.RenderRequest;
import io.datasurface.render.RenderSettings;
import io.datasurface.render.RenderedFile;
import io.datasurface.render.SecretKeyRef;
import io.datasurface.render.Templates;
import io.quarkus.qute.Template;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * Airflow DAGs of a platform: one per batch-stream, each a single KubernetesPodOperator task that
 * runs the merge-worker for that stream, and the system DAG with the renderer, the metrics collector
 * and the unused-table removal. The merge, metrics and removal pods read the platform's graph file
 * from the rendered claim (read-only), with the commit the DAG was rendered from, and never the
 * model. Only the renderer's pod gets the model, from a git-sync init container that clones the model
 * repository once into an emptyDir volume, so each run renders the commit current at its start.
 */
public final class AirflowDags {
    public static final String FOLDER = "dags";
    /** The claim the system DAG's renderer writes into and Airflow reads its DAGs from (see the bootstrap YAML). */
    public static final String RENDERED_CLAIM = "datasurface-rendered";
    public static final String RENDERED_PATH = "/rendered";
    public static final String RENDER_SERVICE_ACCOUNT = "datasurface-render";
    public static final String JOB_SERVICE_ACCOUNT = "datasurface-job";
    /** Airflow keeps failed pods (and their logs and events) for the operator and removes the successful ones. */
    public static final String ON_FINISH_ACTION = "delete_succeeded_pod";
    /** A fixed start date keeps the files byte-identical; with catchup off Airflow only schedules from now on. */
    public static final String START_DATE = "datetime(2025, 1, 1)";
    private static final int POD_NAME_LENGTH = 50;
    /**
     * The JVM options of a short job (merge, metrics collection, unused-table removal), as {@code JDK_JAVA_OPTIONS}: the C1
     * compiler only and the serial collector start faster and compete less for the pod's CPU than tiered compilation's
     * compiler threads, and such a job does little work in Java. The renderer, which does, keeps tiered compilation
     * (the image's launcher gives it, like every one-shot command, the serial collector).
     */
    public static final String JOB_JVM_OPTIONS = "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC";
    public static final String JVM_OPTIONS_VARIABLE = "JDK_JAVA_OPTIONS";

    private AirflowDags() {
    }

    public record Dag(String platform, String dagId, String description, String schedule, String startDate, List<String> tags,
            List<PodTask> tasks) {
        public Dag {
            requireNonNull(dagId, "dagId is null");
            tags = List.copyOf(tags);
            tasks = List.copyOf(tasks);
        }
    }

    /**
     * {@code command} is the service's launcher in the DataSurface image (its name, as in the app.kubernetes.io/name label);
     * {@code gitSync} is null for a pod that does not read the model.
     */
    public record PodTask(String variable, String taskId, String podName, String namespace, String image, List<String> command,
            List<String> arguments, List<EnvVar> env, List<Label> labels, RenderSettings.PodResources resources, GitSync gitSync,
            List<Volume> volumes, List<Mount> mounts, String serviceAccount, int retries, String retryDelay, long startupTimeoutSeconds,
            String onFinishAction) {
        public PodTask {
            requireNonNull(taskId, "taskId is null");
            command = List.copyOf(command);
            arguments = List.copyOf(arguments);
            env = List.copyOf(env);
            labels = List.copyOf(labels);
            volumes = List.copyOf(volumes);
            mounts = List.copyOf(mounts);
        }

        public boolean hasGitSync() {
            return gitSync != null;
        }
    }

    /** A plain value, or a key of a secret. */
    public record EnvVar(String name, String value, SecretKeyRef secret) {
        public static EnvVar plain(String name, String value) {
            return new EnvVar(name, value, null);
        }

        public static EnvVar fromSecret(SecretKeyRef ref) {
            return new EnvVar(ref.envVar(), null, ref);
        }

        public static EnvVar fromSecret(String name, SecretKeyRef ref) {
            return new EnvVar(name, null, ref);
        }

        public boolean isSecret() {
            return secret != null;
        }
    }

    public record Label(String key, String value) {
    }

    public record GitSync(String image, List<String> args, List<EnvVar> env, String mountPath) {
    }

    /** An emptyDir when {@code claimName} is empty, otherwise a persistent volume claim. */
    public record Volume(String name, String claimName) {
        public boolean isClaim() {
            return !claimName.isEmpty();
        }
    }

    public record Mount(String name, String path, boolean readOnly) {
    }

    /** Streams render in parallel (templates and views are immutable); the result keeps the graph's order. */
    public static List<RenderedFile> render(RenderRequest request) {
        IntentionGraph graph = request.graph();
        Template template = Templates.get("airflow/dag.py");
        List<String> paths = new ArrayList<>();
        Map<String, String> keyByFile = new HashMap<>();
        for (BatchStream stream : graph.streams()) {
            String path = FOLDER + "/" + graph.schema() + "_merge_" + stream.stem() + ".py";
            String clash = keyByFile.putIfAbsent(path, stream.key());
            if (clash != null) {
                throw new IllegalStateException("batch-streams " + clash + " and " + stream.key() + " would share the DAG file " + path
                        + "; rename one of the datastores");
            }
            paths.add(path);
        }
        List<RenderedFile> files = new ArrayList<>(IntStream.range(0, paths.size()).parallel()
                .mapToObj(i -> new RenderedFile(paths.get(i), Templates.render(template, "dag", mergeDag(request, graph.streams().get(i)))))
                .toList());
        files.add(new RenderedFile(FOLDER + "/" + graph.schema() + "_system.py", Templates.render(template, "dag", systemDag(request))));
        return files;
    }

    public static String mergeDagId(KubernetesPGStarter platform, String streamKey) {
        return platform.name() + ".merge." + streamKey;
    }

    public static String systemDagId(KubernetesPGStarter platform) {
        return platform.name() + ".system";
    }

    public static Dag mergeDag(RenderRequest request, BatchStream stream) {
        KubernetesPGStarter platform = request.graph().platform();
        List<EnvVar> env = new ArrayList<>(List.of(EnvVar.plain(JVM_OPTIONS_VARIABLE, JOB_JVM_OPTIONS)));
        // The merge-worker reads the Kafka bootstrap servers for its events from the graph file.
        PlatformSecrets.env(platform.postgres().credential()).forEach(ref -> env.add(EnvVar.fromSecret(ref)));
        List<Label> labels = labels(request.graph(), "merge-worker", "merge");
        labels.add(new Label("datasurface.io/stream", KubernetesNames.labelValue(stream.key())));
        List<String> arguments = new ArrayList<>(List.of("merge"));
        arguments.addAll(graphArguments(request));
        arguments.addAll(List.of("--stream", stream.key()));
        PodTask task = task(request, "merge", "merge", KubernetesNames.dnsLabel("merge-" + stream.key(), POD_NAME_LENGTH),
                platform.mergeImage(), arguments, env, labels, Reads.GRAPH);
        String description = "Merges batch-stream " + stream.key() + " (" + stream.describe() + ") of platform " + platform.name();
        return new Dag(platform.name(), mergeDagId(platform, stream.key()), description, timedelta(stream.schedule()), START_DATE,
                List.of("datasurface", "platform:" + platform.name(), "merge"), List.of(task));
    }

    public static Dag systemDag(RenderRequest request) {
        KubernetesPGStarter platform = request.graph().platform();
        RenderSettings settings = request.settings();
        List<String> modelArgs = List.of("--model", RenderRequest.MODEL_PATH, "--platform", platform.name());
        List<String> graphArgs = graphArguments(request);
        List<EnvVar> pg = new ArrayList<>(List.of(EnvVar.plain(JVM_OPTIONS_VARIABLE, JOB_JVM_OPTIONS)));
        PlatformSecrets.env(platform.postgres().credential()).forEach(ref -> pg.add(EnvVar.fromSecret(ref)));

        List<String> renderArgs = new ArrayList<>(List.of("render"));
        renderArgs.addAll(modelArgs);
        // The renderer also reports missing secrets (its service account may read them): a missing one fails the task visibly.
        renderArgs.addAll(List.of("--out", RENDERED_PATH, "--check-credentials"));
        PodTask render = task(request, "render", "render", "render", settings.renderImage(platform.mergeImage()), renderArgs,
                List.of(), labels(request.graph(), "render-service", "render"), Reads.MODEL_WRITES_RENDERED);

        List<String> collectArgs = new ArrayList<>(List.of("collect"));
        collectArgs.addAll(graphArgs);
        PodTask collect = task(request, "collect_metrics", "collect_metrics", "collect-metrics", settings.metricsImage(platform.mergeImage()),
                collectArgs, pg, labels(request.graph(), "metrics-exporter", "metrics-collector"), Reads.GRAPH);

        List<String> removeArgs = new ArrayList<>(List.of("remove-unused"));
        removeArgs.addAll(graphArgs);
        removeArgs.add("--apply");
        PodTask remove = task(request, "remove_unused_tables", "remove_unused_tables", "remove-unused-tables", platform.mergeImage(),
                removeArgs, pg, labels(request.graph(), "merge-worker", "table-removal"), Reads.GRAPH);

        return new Dag(platform.name(), systemDagId(platform),
                "DataSurface system jobs of platform " + platform.name() + ": re-render from the model, collect job metrics, remove unused tables",
                timedelta(platform.mergeInterval()), START_DATE, List.of("datasurface", "platform:" + platform.name(), "system"),
                List.of(render, collect, remove));
    }

    /**
     * The arguments that hand a job the platform's graph file and the commit this DAG was rendered from, so that the job
     * refuses a graph file of another commit.
     */
    public static List<String> graphArguments(RenderRequest request) {
        return List.of("--graph", graphFile(request.graph()), "--commit", request.commit(), "--platform", request.graph().platform().name());
    }

    /** Where a job pod finds the platform's graph file: in the rendered claim, mounted read-only. */
    public static String graphFile(IntentionGraph graph) {
        return RENDERED_PATH + "/" + GraphFiles.path(graph.schema());
    }

    /** What a pod reads: the model (cloned by git-sync) and the rendered claim to write into, or only the graph file. */
    private enum Reads {
        MODEL_WRITES_RENDERED, GRAPH
    }

    private static PodTask task(RenderRequest request, String variable, String taskId, String podName, String image, List<String> arguments,
            List<EnvVar> env, List<Label> labels, Reads reads) {
        KubernetesPGStarter platform = request.graph().platform();
        RenderSettings settings = request.settings();
        List<Volume> volumes = new ArrayList<>();
        List<Mount> mounts = new ArrayList<>();
        if (reads == Reads.MODEL_WRITES_RENDERED) {
            volumes.add(new Volume("model", ""));
            mounts.add(new Mount("model", RenderRequest.MODEL_ROOT, true));
        }
        volumes.add(new Volume("rendered", RENDERED_CLAIM));
        mounts.add(new Mount("rendered", RENDERED_PATH, reads == Reads.GRAPH));
        // The image holds every service; the pod names the one to run, as the Deployments of k8s/ do.
        List<String> command = labels.stream().filter(l -> l.key().equals("app.kubernetes.io/name")).map(Label::value).toList();
        return new PodTask(variable, taskId, podName, platform.namespace(), image, command, arguments, env, labels, settings.jobResources(),
                reads == Reads.MODEL_WRITES_RENDERED ? gitSync(request) : null, volumes, mounts,
                reads == Reads.MODEL_WRITES_RENDERED ? RENDER_SERVICE_ACCOUNT : JOB_SERVICE_ACCOUNT, settings.retries(),
                timedelta(settings.retryDelay()), settings.startupTimeout().toSeconds(), ON_FINISH_ACTION);
    }

    /** git-sync v4 clones the model's branch once (--one-time) and publishes it as /model/current. */
    private static GitSync gitSync(RenderRequest request) {
        KubernetesPGStarter platform = request.graph().platform();
        SecretKeyRef token = PlatformSecrets.env(platform.gitCredential()).get(0);
        return new GitSync(request.settings().gitSyncImage(),
                List.of("--repo=" + request.modelRepository().url(), "--ref=" + request.modelRepository().branch(),
                        "--root=" + RenderRequest.MODEL_ROOT, "--link=" + RenderRequest.MODEL_LINK, "--depth=1", "--one-time"),
                List.of(EnvVar.plain("GITSYNC_USERNAME", request.settings().gitUsername()), EnvVar.fromSecret("GITSYNC_PASSWORD", token)),
                RenderRequest.MODEL_ROOT);
    }

    private static List<Label> labels(IntentionGraph graph, String name, String component) {
        KubernetesPGStarter platform = graph.platform();
        List<Label> labels = new ArrayList<>();
        labels.add(new Label("app.kubernetes.io/name", name));
        labels.add(new Label("app.kubernetes.io/instance", instance(graph)));
        labels.add(new Label("app.kubernetes.io/component", component));
        labels.add(new Label("app.kubernetes.io/part-of", "datasurface"));
        labels.add(new Label("app.kubernetes.io/managed-by", "airflow"));
        labels.add(new Label("datasurface.io/platform", KubernetesNames.labelValue(platform.name())));
        return labels;
    }

    /** The app.kubernetes.io/instance of a platform's objects: its schema name, already lower-case. */
    public static String instance(IntentionGraph graph) {
        return KubernetesNames.dnsLabel(graph.schema(), 63);
    }

    /** A Python timedelta expression in the largest whole unit. */
    static String timedelta(Duration duration) {
        long seconds = duration.toSeconds();
        if (seconds != 0 && seconds % 86400 == 0) {
            return "timedelta(days=" + seconds / 86400 + ")";
        }
        if (seconds != 0 && seconds % 3600 == 0) {
            return "timedelta(hours=" + seconds / 3600 + ")";
        }
        if (seconds != 0 && seconds % 60 == 0) {
            return "timedelta(minutes=" + seconds / 60 + ")";
        }
        return "timedelta(seconds=" + seconds + ")";
    }
}
