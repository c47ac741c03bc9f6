package io.datasurface.renderservice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.datasurface.kpsg.BatchStream;
import io.datasurface.kpsg.IntentionGraph;
import io.datasurface.model.KubernetesPGStarter;
import io.datasurface.render.RenderRequest;
import io.datasurface.render.airflow.AirflowDags;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The DAG files are Python: python3 compiles them, and a stand-in for Airflow and the Kubernetes
 * client (neither can be installed on this machine) executes them and reports what each DAG and
 * task was built with, which is compared with the intention graph.
 */
class DagFilesTest {
    private static final Path READER = Path.of("src", "test", "resources", "airflow-stub", "read_dags.py").toAbsolutePath();

    @TempDir
    static Path dir;
    static List<Path> dags;
    static Map<String, JsonNode> dagsById;

    @BeforeAll
    static void render() throws IOException {
        assumeTrue(Python.available(), "python3 is not installed");
        dags = Python.writeDags(Acme.allFiles(), dir);
        List<String> command = new ArrayList<>(List.of("python3", READER.toString()));
        dags.forEach(p -> command.add(p.toString()));
        Python.Result result = Python.run(command, dir);
        assertThat(result.exitCode()).as(result.stderr()).isZero();
        dagsById = new HashMap<>();
        for (JsonNode dag : new ObjectMapper().readTree(result.stdout())) {
            dagsById.put(dag.get("dag_id").asText(), dag);
        }
    }

    @Test
    void everyDagFileCompilesWithPython3WithoutAirflowInstalled() throws IOException {
        for (Path dag : dags) {
            Python.Result result = Python.run(List.of("python3", "-m", "py_compile", dag.toString()), dir);
            assertThat(result.exitCode()).as(dag + ": " + result.stderr()).isZero();
        }
        assertThat(dags).hasSize(Acme.graph().streams().size() + 1);
    }

    @Test
    void eachBatchStreamDagRunsOneMergePodOnItsScheduleWithoutOverlap() {
        IntentionGraph graph = Acme.graph();
        KubernetesPGStarter platform = graph.platform();
        assertThat(dagsById).hasSize(graph.streams().size() + 1);
        for (BatchStream stream : graph.streams()) {
            JsonNode dag = dagsById.get(AirflowDags.mergeDagId(platform, stream.key()));
            assertThat(dag).as("DAG of " + stream.key()).isNotNull();
            assertThat(dag.get("schedule").get("seconds").asLong()).isEqualTo(stream.schedule().toSeconds());
            assertThat(dag.get("max_active_runs").asInt()).isEqualTo(1);
            assertThat(dag.get("catchup").asBoolean()).isFalse();
            assertThat(dag.get("tasks")).hasSize(1);
            JsonNode task = dag.get("tasks").get(0);
            assertThat(task.get("task_id").asText()).isEqualTo("merge");
            assertThat(task.get("image").asText()).isEqualTo(platform.mergeImage());
            assertThat(texts(task.get("arguments"))).containsExactly("merge", "--graph", "/rendered/graphs/prod.json", "--commit", Acme.COMMIT,
                    "--platform", platform.name(), "--stream", stream.key());
            assertThat(task.get("namespace").asText()).isEqualTo(platform.namespace());
            assertThat(task.get("retries").asInt()).isPositive();
            assertThat(task.get("retry_delay").get("seconds").asLong()).isPositive();
            assertThat(task.get("startup_timeout_seconds").asInt()).isEqualTo(240);
            assertThat(task.get("on_finish_action").asText()).isEqualTo("delete_succeeded_pod");
            assertThat(task.get("labels").get("datasurface.io/stream").asText()).isEqualTo(stream.key());
            assertThat(task.get("container_resources").get("limits").get("memory").asText()).isNotEmpty();
        }
    }

    @Test
    void mergePodsReadThePostgresCredentialFromItsSecretUnderTheMergeWorkersNames() {
        for (BatchStream stream : Acme.graph().streams()) {
            JsonNode task = dagsById.get(AirflowDags.mergeDagId(Acme.graph().platform(), stream.key())).get("tasks").get(0);
            assertThat(secretRefs(task.get("env_vars"))).containsExactly("PG_MAIN_USER=pg-main/user", "PG_MAIN_PASSWORD=pg-main/password");
            assertThat(task.toString()).doesNotContain("\"password\":").doesNotContain("PASSWORD\",\"value\"");
        }
    }

    @Test
    void onlyTheRenderersPodClonesTheModelWithGitSyncUsingTheGitTokenSecret() {
        for (JsonNode dag : dagsById.values()) {
            for (JsonNode task : dag.get("tasks")) {
                if (!task.get("task_id").asText().equals("render")) {
                    assertThat(task.has("init_containers")).as(task.get("task_id").asText() + " clones nothing").isFalse();
                    continue;
                }
                JsonNode init = task.get("init_containers").get(0);
                assertThat(init.get("name").asText()).isEqualTo("git-sync");
                assertThat(texts(init.get("args"))).contains("--repo=https://github.com/acme/datasurface-model.git", "--ref=main",
                        "--one-time", "--root=/model", "--link=current");
                assertThat(secretRefs(init.get("env"))).containsExactly("GITSYNC_PASSWORD=git-model/token");
            }
        }
    }

    @Test
    void jobPodsReadTheGraphFileFromTheRenderedClaimReadOnlyAndStartAsShortJobs() {
        for (JsonNode dag : dagsById.values()) {
            for (JsonNode task : dag.get("tasks")) {
                if (task.get("task_id").asText().equals("render")) {
                    continue;
                }
                assertThat(texts(task.get("arguments"))).containsSequence("--graph", AirflowDags.RENDERED_PATH + "/graphs/prod.json", "--commit",
                        Acme.COMMIT);
                assertThat(task.get("volumes").toString()).contains(AirflowDags.RENDERED_CLAIM);
                assertThat(task.get("volume_mounts").get(0).get("mount_path").asText()).isEqualTo(AirflowDags.RENDERED_PATH);
                assertThat(task.get("volume_mounts").get(0).get("read_only").asBoolean()).isTrue();
                assertThat(task.get("env_vars").toString()).contains(AirflowDags.JVM_OPTIONS_VARIABLE, AirflowDags.JOB_JVM_OPTIONS);
            }
        }
    }

    @Test
    void systemDagRunsTheRendererTheMetricsCollectorAndTheUnusedTableRemoval() {
        KubernetesPGStarter platform = Acme.graph().platform();
        JsonNode dag = dagsById.get(AirflowDags.systemDagId(platform));
        assertThat(dag.get("max_active_runs").asInt()).isEqualTo(1);
        Map<String, List<String>> arguments = new HashMap<>();
        for (JsonNode task : dag.get("tasks")) {
            arguments.put(task.get("task_id").asText(), texts(task.get("arguments")));
        }
        List<String> model = List.of("--model", RenderRequest.MODEL_PATH, "--platform", platform.name());
        assertThat(arguments).containsOnlyKeys("render", "collect_metrics", "remove_unused_tables");
        assertThat(arguments.get("render")).startsWith("render").containsSequence(model).containsSequence("--out", AirflowDags.RENDERED_PATH)
                .contains("--check-credentials");
        List<String> graph = List.of("--graph", AirflowDags.RENDERED_PATH + "/graphs/prod.json", "--commit", Acme.COMMIT, "--platform",
                platform.name());
        assertThat(arguments.get("collect_metrics")).startsWith("collect").containsSequence(graph);
        assertThat(arguments.get("remove_unused_tables")).containsExactly("remove-unused", "--graph", AirflowDags.RENDERED_PATH + "/graphs/prod.json",
                "--commit", Acme.COMMIT, "--platform", platform.name(), "--apply");
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    /** NAME=secret/key for every variable read from a secret. */
    private static List<String> secretRefs(JsonNode env) {
        List<String> out = new ArrayList<>();
        for (JsonNode e : env) {
            JsonNode ref = e.path("value_from").path("secret_key_ref");
            if (!ref.isMissingNode()) {
                out.add(e.get("name").asText() + "=" + ref.get("name").asText() + "/" + ref.get("key").asText());
            }
        }
        return out;
    }
}
