package io.datasurface.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.datasurface.events.PlatformGraph;
import io.datasurface.kpsg.BatchStream;
import io.datasurface.model.Credential;
import io.datasurface.model.KubernetesPGStarter;
import io.datasurface.render.PlatformSecrets;
import io.datasurface.render.RenderRequest;
import io.datasurface.render.RenderedFile;
import io.datasurface.render.RequiredSecret;
import io.datasurface.render.SecretKeyRef;
import io.datasurface.render.airflow.AirflowDags;
import io.datasurface.render.k8s.Bootstrap;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What {@code kubectl apply -k k8s/} deploys agrees with what render-service renders for examples/acme: the bootstrap
 * YAML (namespace, labels, claim, secrets) and the DAGs (image, launchers, git-sync, secret keys).
 */
class PlatformAgreementTest {
    private static final Pattern CONFIG_REFERENCE = Pattern.compile("\\$\\(([A-Z_]+)\\)");
    static RenderRequest request;
    static KubernetesPGStarter platform;
    static List<HasMetadata> deployed;
    static List<HasMetadata> bootstrap;
    static List<AirflowDags.PodTask> dagTasks;
    static Map<String, String> config;

    @BeforeAll
    static void renderAndBuild() {
        request = AcmePlatform.request();
        platform = request.graph().platform();
        deployed = Kustomize.build();
        bootstrap = KubernetesYaml.typedAll(AcmePlatform.file(AcmePlatform.bootstrap(), Bootstrap.YAML));
        dagTasks = new ArrayList<>(AirflowDags.systemDag(request).tasks());
        for (BatchStream stream : request.graph().streams()) {
            dagTasks.addAll(AirflowDags.mergeDag(request, stream).tasks());
        }
        config = deployed.stream().filter(ConfigMap.class::isInstance).map(ConfigMap.class::cast).findFirst().orElseThrow().getData();
    }

    @Test
    void theServicesRunInTheNamespaceTheBootstrapCreates() {
        String namespace = bootstrap.stream().filter(o -> o.getKind().equals("Namespace")).findFirst().orElseThrow().getMetadata().getName();
        assertThat(namespace).isEqualTo(platform.namespace());
        assertThat(deployed).allSatisfy(o -> assertThat(o.getMetadata().getNamespace()).as(o.getKind() + " " + o.getMetadata().getName())
                .isEqualTo(namespace));
    }

    @Test
    void everyDataSurfacePodRunsTheModelsMergeImageWithALauncherItHolds() {
        Set<String> launchers = Set.of("model-service", "render-service", "merge-worker", "metrics-exporter", "notifier");
        for (Deployment d : deployments()) {
            Container app = d.getSpec().getTemplate().getSpec().getContainers().get(0);
            assertThat(app.getImage()).as(d.getMetadata().getName()).isEqualTo(platform.mergeImage());
            assertThat(launchers).contains(app.getCommand().get(0));
        }
        for (AirflowDags.PodTask task : dagTasks) {
            assertThat(task.image()).as(task.taskId()).isEqualTo(platform.mergeImage());
            assertThat(task.command()).as(task.taskId()).singleElement().isIn(launchers);
        }
        for (RenderedFile dag : AcmePlatform.rendered().stream().filter(f -> f.path().startsWith(AirflowDags.FOLDER + "/")).toList()) {
            assertThat(dag.content()).as(dag.path()).contains("image=\"" + platform.mergeImage() + "\"")
                    .containsPattern("cmds=\\[\"(merge-worker|render-service|metrics-exporter)\"\\]");
        }
    }

    @Test
    void theConfigMapNamesTheModelsPlatformRepositoryCredentialAndKafka() {
        assertThat(config).containsEntry("DATASURFACE_PLATFORM", platform.name())
                .containsEntry("DATASURFACE_REPOSITORY_URL", request.modelRepository().url())
                .containsEntry("DATASURFACE_REPOSITORY_BRANCH", request.modelRepository().branch())
                .containsEntry("DATASURFACE_REPOSITORY_CREDENTIAL", platform.gitCredential().name())
                .containsEntry("KAFKA_BOOTSTRAP_SERVERS", platform.kafka().bootstrapServers());
    }

    @Test
    void gitSyncClonesTheModelAsTheRenderedJobPodsDo() {
        AirflowDags.GitSync rendered = dagTasks.get(0).gitSync();
        List<Container> gitSyncs = deployments().stream().flatMap(d -> d.getSpec().getTemplate().getSpec().getInitContainers().stream())
                .filter(c -> c.getName().equals("git-sync")).toList();
        assertThat(gitSyncs).as("the notifier's; metrics-exporter follows the graph topic").hasSize(1);
        for (Container c : gitSyncs) {
            assertThat(c.getImage()).isEqualTo(rendered.image());
            assertThat(c.getArgs().stream().map(a -> resolved(a, c)).toList()).isEqualTo(rendered.args());
            assertThat(env(c)).containsEntry("GITSYNC_USERNAME", request.settings().gitUsername());
            AirflowDags.EnvVar password = rendered.env().stream().filter(AirflowDags.EnvVar::isSecret).findFirst().orElseThrow();
            assertThat(secretRefs(c)).containsEntry(password.name(), password.secret().secret() + "/" + password.secret().key());
        }
        Container notifier = deployment("notifier").getSpec().getTemplate().getSpec().getContainers().get(0);
        assertThat(notifier.getArgs().stream().map(a -> resolved(a, notifier)).toList())
                .containsSubsequence("--model", RenderRequest.MODEL_PATH, "--platform", platform.name());
    }

    @Test
    void theExporterFollowsThePlatformsGraphOnTheTopicModelServicePublishes() {
        Container exporter = deployment("metrics-exporter").getSpec().getTemplate().getSpec().getContainers().get(0);
        assertThat(exporter.getArgs().stream().map(a -> resolved(a, exporter)).toList())
                .containsSubsequence("--graph-topic", PlatformGraph.TOPIC, "--platform", platform.name()).doesNotContain("--model");
        assertThat(env(exporter)).containsEntry("KAFKA_BOOTSTRAP_SERVERS", platform.kafka().bootstrapServers());
        assertThat(deployment("metrics-exporter").getSpec().getTemplate().getSpec().getInitContainers()).isEmpty();
    }

    @Test
    void everySecretIsACredentialOfTheModelExposedUnderItsNamingRule() {
        Map<String, RequiredSecret> required = PlatformSecrets.required(platform).stream()
                .collect(Collectors.toMap(RequiredSecret::name, s -> s));
        Map<String, String> variableOf = new LinkedHashMap<>();
        for (Credential c : List.of(platform.postgres().credential(), platform.gitCredential(), platform.slack().credential(),
                platform.kafkaConnect().credential(), platform.airflow().credential())) {
            for (SecretKeyRef ref : PlatformSecrets.env(c)) {
                variableOf.put(ref.secret() + "/" + ref.key(), ref.envVar());
            }
        }
        List<String> used = new ArrayList<>();
        for (Container c : containers(deployed)) {
            secretRefs(c).forEach((variable, ref) -> {
                String secret = ref.substring(0, ref.indexOf('/'));
                assertThat(required).as(c.getName() + " " + variable).containsKey(secret);
                assertThat(required.get(secret).keys()).as(c.getName() + " " + variable).contains(ref.substring(ref.indexOf('/') + 1));
                if (!variable.startsWith("GITSYNC_")) {
                    assertThat(variable).as("the naming rule's variable for " + ref + " in " + c.getName()).isEqualTo(variableOf.get(ref));
                }
                used.add(ref);
            });
            assertThat(c.getEnv()).allSatisfy(e -> assertThat(e.getValue() == null || !e.getName().matches(".*(PASSWORD|TOKEN)$"))
                    .as("a secret as a plain value: " + e.getName()).isTrue());
        }
        assertThat(used).contains("pg-main/user", "pg-main/password", "git-model/token", "slack-webhook/token");
        for (AirflowDags.PodTask task : dagTasks) {
            task.env().stream().filter(AirflowDags.EnvVar::isSecret).forEach(e -> assertThat(e.name())
                    .isEqualTo(variableOf.get(e.secret().secret() + "/" + e.secret().key())));
        }
    }

    @Test
    void everySecretTheChecklistAsksForIsReadBySomePod() {
        List<String> read = new ArrayList<>();
        for (Container c : containers(deployed)) {
            read.addAll(secretRefs(c).values());
        }
        for (Container c : containers(bootstrap)) {
            read.addAll(secretRefs(c).values());
        }
        for (AirflowDags.PodTask task : dagTasks) {
            task.env().stream().filter(AirflowDags.EnvVar::isSecret).forEach(e -> read.add(e.secret().secret() + "/" + e.secret().key()));
        }
        for (RequiredSecret secret : PlatformSecrets.required(platform)) {
            for (String key : secret.keys()) {
                assertThat(read).as("who reads " + secret.name() + "/" + key + " (" + secret.usedBy() + ")").contains(secret.name() + "/" + key);
            }
        }
    }

    @Test
    void aDagOfANewStreamRunsWithoutAPersonUnpausingIt() {
        for (RenderedFile dag : AcmePlatform.rendered().stream().filter(f -> f.path().startsWith(AirflowDags.FOLDER + "/")).toList()) {
            assertThat(dag.content()).as(dag.path()).contains("    is_paused_upon_creation=False,\n");
        }
    }

    @Test
    void theServicesCarryThePlatformsInstanceAndFallUnderTheBootstrapsNamespacePolicy() {
        String instance = AirflowDags.instance(request.graph());
        assertThat(bootstrap).allSatisfy(o -> assertThat(o.getMetadata().getLabels()).containsEntry("app.kubernetes.io/instance", instance));
        assertThat(deployed).allSatisfy(o -> assertThat(o.getMetadata().getLabels()).as(o.getKind() + " " + o.getMetadata().getName())
                .containsEntry("app.kubernetes.io/instance", instance).containsEntry("app.kubernetes.io/part-of", "datasurface"));
        NetworkPolicy sameNamespace = bootstrap.stream().filter(NetworkPolicy.class::isInstance).map(NetworkPolicy.class::cast).findFirst()
                .orElseThrow();
        for (Deployment d : deployments()) {
            assertThat(d.getSpec().getTemplate().getMetadata().getLabels()).as(d.getMetadata().getName())
                    .containsAllEntriesOf(sameNamespace.getSpec().getPodSelector().getMatchLabels());
        }
    }

    @Test
    void noNameCollidesWithTheBootstrapsAndNoSelectorPicksAnotherPod() {
        Set<String> bootstrapNames = bootstrap.stream().map(o -> o.getKind() + "/" + o.getMetadata().getName()).collect(Collectors.toSet());
        assertThat(deployed).noneMatch(o -> bootstrapNames.contains(o.getKind() + "/" + o.getMetadata().getName()));
        List<Map<String, String>> otherPods = new ArrayList<>();
        podTemplates(bootstrap).forEach(t -> otherPods.add(t.getMetadata().getLabels()));
        dagTasks.forEach(t -> otherPods.add(t.labels().stream().collect(Collectors.toMap(AirflowDags.Label::key, AirflowDags.Label::value))));
        for (Deployment d : deployments()) {
            Map<String, String> selector = d.getSpec().getSelector().getMatchLabels();
            assertThat(otherPods).as("pods selected by " + d.getMetadata().getName())
                    .noneMatch(labels -> labels.entrySet().containsAll(selector.entrySet()));
            Map<String, String> own = d.getSpec().getTemplate().getMetadata().getLabels();
            assertThat(bootstrapSelectors()).as("bootstrap selectors that would pick " + d.getMetadata().getName())
                    .noneMatch(other -> own.entrySet().containsAll(other.entrySet()));
        }
    }

    @Test
    void renderServiceWritesIntoTheClaimAirflowReadsItsDagsFrom() {
        PersistentVolumeClaim claim = bootstrap.stream().filter(PersistentVolumeClaim.class::isInstance).map(PersistentVolumeClaim.class::cast)
                .findFirst().orElseThrow();
        assertThat(claim.getMetadata().getName()).isEqualTo(AirflowDags.RENDERED_CLAIM);
        PodSpec render = deployment("render-service").getSpec().getTemplate().getSpec();
        Volume volume = render.getVolumes().stream().filter(v -> v.getPersistentVolumeClaim() != null).findFirst().orElseThrow();
        assertThat(volume.getPersistentVolumeClaim().getClaimName()).isEqualTo(claim.getMetadata().getName());
        Container app = render.getContainers().get(0);
        String mountPath = app.getVolumeMounts().stream().filter(m -> m.getName().equals(volume.getName())).findFirst().orElseThrow()
                .getMountPath();
        assertThat(env(app)).containsEntry("DATASURFACE_RENDER_OUT_DIR", mountPath);
        // the system DAG's renderer writes the same claim at the same path
        assertThat(mountPath).isEqualTo(AirflowDags.RENDERED_PATH);
        for (Deployment airflow : bootstrap.stream().filter(Deployment.class::isInstance).map(Deployment.class::cast)
                .filter(d -> "airflow".equals(d.getMetadata().getLabels().get("app.kubernetes.io/name"))).toList()) {
            PodSpec pod = airflow.getSpec().getTemplate().getSpec();
            assertThat(pod.getVolumes()).anySatisfy(v -> assertThat(v.getPersistentVolumeClaim().getClaimName()).isEqualTo(AirflowDags.RENDERED_CLAIM));
            assertThat(env(pod.getContainers().get(0))).containsEntry("AIRFLOW__CORE__DAGS_FOLDER",
                    Bootstrap.AIRFLOW_RENDERED_PATH + "/" + AirflowDags.FOLDER);
        }
    }

    /** An argument with its {@code $(VAR)} references filled in from the container's ConfigMap-backed environment. */
    private static String resolved(String argument, Container c) {
        Matcher m = CONFIG_REFERENCE.matcher(argument);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            EnvVar e = c.getEnv().stream().filter(v -> v.getName().equals(m.group(1))).findFirst()
                    .orElseThrow(() -> new AssertionError(c.getName() + " refers to " + m.group(1) + " but does not define it"));
            String value = e.getValue() != null ? e.getValue() : config.get(e.getValueFrom().getConfigMapKeyRef().getKey());
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static Map<String, String> env(Container c) {
        Map<String, String> values = new LinkedHashMap<>();
        for (EnvVar e : c.getEnv()) {
            if (e.getValue() != null) {
                values.put(e.getName(), e.getValue());
            } else if (e.getValueFrom().getConfigMapKeyRef() != null) {
                values.put(e.getName(), config.get(e.getValueFrom().getConfigMapKeyRef().getKey()));
            }
        }
        return values;
    }

    /** Variable name to {@code secret/key}. */
    private static Map<String, String> secretRefs(Container c) {
        Map<String, String> refs = new LinkedHashMap<>();
        for (EnvVar e : c.getEnv()) {
            if (e.getValueFrom() != null && e.getValueFrom().getSecretKeyRef() != null) {
                refs.put(e.getName(), e.getValueFrom().getSecretKeyRef().getName() + "/" + e.getValueFrom().getSecretKeyRef().getKey());
            }
        }
        return refs;
    }

    private static List<Deployment> deployments() {
        return deployed.stream().filter(Deployment.class::isInstance).map(Deployment.class::cast).toList();
    }

    private static Deployment deployment(String name) {
        return deployments().stream().filter(d -> d.getMetadata().getName().equals(name)).findFirst().orElseThrow();
    }

    private static List<PodTemplateSpec> podTemplates(List<HasMetadata> objects) {
        List<PodTemplateSpec> templates = new ArrayList<>();
        for (HasMetadata o : objects) {
            if (o instanceof Deployment d) {
                templates.add(d.getSpec().getTemplate());
            } else if (o instanceof StatefulSet s) {
                templates.add(s.getSpec().getTemplate());
            }
        }
        return templates;
    }

    /** What the bootstrap's workloads and Services select (its NetworkPolicy selects every DataSurface pod on purpose). */
    private static List<Map<String, String>> bootstrapSelectors() {
        List<Map<String, String>> selectors = new ArrayList<>();
        for (HasMetadata o : bootstrap) {
            if (o instanceof Deployment d) {
                selectors.add(d.getSpec().getSelector().getMatchLabels());
            } else if (o instanceof StatefulSet s) {
                selectors.add(s.getSpec().getSelector().getMatchLabels());
            } else if (o instanceof io.fabric8.kubernetes.api.model.Service s) {
                selectors.add(s.getSpec().getSelector());
            }
        }
        return selectors;
    }

    private static List<Container> containers(List<HasMetadata> objects) {
        List<Container> all = new ArrayList<>();
        for (PodTemplateSpec t : podTemplates(objects)) {
            all.addAll(t.getSpec().getContainers());
            all.addAll(t.getSpec().getInitContainers());
        }
        return all;
    }
}
