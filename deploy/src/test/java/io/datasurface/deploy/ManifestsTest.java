package io.datasurface.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The files of k8s/ as they are in the repository, read as fabric8's typed Kubernetes objects. */
class ManifestsTest {
    static final List<String> SERVICES = List.of("model-service", "render-service", "metrics-exporter", "notifier");
    static Map<Path, String> manifests;
    static List<HasMetadata> objects;

    @BeforeAll
    static void read() throws IOException {
        manifests = new LinkedHashMap<>();
        try (Stream<Path> files = Files.list(Repo.K8S)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
                if (!file.getFileName().toString().equals("kustomization.yaml")) {
                    manifests.put(file, Files.readString(file, StandardCharsets.UTF_8));
                }
            }
        }
        objects = new ArrayList<>();
        manifests.values().forEach(text -> objects.addAll(KubernetesYaml.typedAll(text)));
    }

    @Test
    void everyManifestParsesIntoTypedKubernetesObjectsWithoutUnknownFields() {
        assertThat(manifests).isNotEmpty();
        for (Map.Entry<Path, String> file : manifests.entrySet()) {
            for (HasMetadata object : KubernetesYaml.typedAll(file.getValue())) {
                assertThat(KubernetesYaml.unknownFields(object, object.getKind()))
                        .as(file.getKey().getFileName() + ": " + object.getKind() + " " + object.getMetadata().getName()).isEmpty();
            }
        }
    }

    @Test
    void aMisspelledFieldOrAnUnknownKindIsRefused() {
        HasMetadata service = KubernetesYaml.typed("""
                apiVersion: v1
                kind: Service
                metadata:
                  name: model-service
                spec:
                  prots:
                    - port: 8080
                """);
        assertThat(KubernetesYaml.unknownFields(service, "Service")).containsExactly("Service.spec.prots");
        assertThatThrownBy(() -> KubernetesYaml.typed("""
                apiVersion: example.com/v1
                kind: Gadget
                metadata:
                  name: g
                """)).isInstanceOf(AssertionError.class).hasMessageContaining("not a typed Kubernetes object");
    }

    @Test
    void theKustomizationListsEveryManifestAndNoOther() throws IOException {
        String kustomization = Files.readString(Repo.K8S.resolve("kustomization.yaml"), StandardCharsets.UTF_8);
        List<String> listed = kustomization.lines().dropWhile(l -> !l.startsWith("resources:")).skip(1).takeWhile(l -> l.startsWith("  - "))
                .map(l -> l.substring(4).strip()).toList();
        assertThat(listed).containsExactlyInAnyOrderElementsOf(manifests.keySet().stream().map(p -> p.getFileName().toString()).toList());
    }

    @Test
    void eachServiceIsOneDeploymentWithHealthProbesRequestsLimitsAndNoRoot() {
        List<Deployment> deployments = objects.stream().filter(Deployment.class::isInstance).map(Deployment.class::cast).toList();
        assertThat(deployments).extracting(d -> d.getMetadata().getName()).containsExactlyInAnyOrderElementsOf(SERVICES);
        for (Deployment d : deployments) {
            PodSpec pod = d.getSpec().getTemplate().getSpec();
            assertThat(pod.getSecurityContext().getRunAsNonRoot()).as(d.getMetadata().getName()).isTrue();
            Container app = pod.getContainers().get(0);
            assertThat(pod.getContainers()).hasSize(1);
            assertThat(app.getCommand()).as("the image's launcher").containsExactly(d.getMetadata().getName());
            assertThat(app.getArgs().get(0)).isEqualTo("serve");
            assertThat(app.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/q/health/ready");
            assertThat(app.getLivenessProbe().getHttpGet().getPath()).isEqualTo("/q/health/live");
            assertThat(app.getEnv()).as("the services listen on 127.0.0.1 unless told").extracting(EnvVar::getName).contains("QUARKUS_HTTP_HOST");
            List<Container> containers = new ArrayList<>(pod.getContainers());
            containers.addAll(pod.getInitContainers());
            for (Container c : containers) {
                assertThat(c.getResources().getRequests()).as(c.getName()).containsKeys("cpu", "memory");
                assertThat(c.getResources().getLimits()).as(c.getName()).containsKeys("cpu", "memory");
                assertThat(c.getSecurityContext().getAllowPrivilegeEscalation()).as(c.getName()).isFalse();
                assertThat(c.getSecurityContext().getCapabilities().getDrop()).as(c.getName()).containsExactly("ALL");
            }
        }
    }

    @Test
    void theServicePortsAreTheOnesTheServicesListenOn() {
        // render-service's application.properties moves it off 8080 so that it runs beside model-service on one machine
        Map<String, Integer> ports = Map.of("model-service", 8080, "render-service", 8081, "metrics-exporter", 8080, "notifier", 8080);
        for (Deployment d : deployments()) {
            Container app = d.getSpec().getTemplate().getSpec().getContainers().get(0);
            assertThat(app.getPorts()).singleElement().satisfies(p -> {
                assertThat(p.getName()).isEqualTo("http");
                assertThat(p.getContainerPort()).as(d.getMetadata().getName()).isEqualTo(ports.get(d.getMetadata().getName()));
            });
        }
    }

    @Test
    void everyObjectCarriesTheAppKubernetesIoLabels() {
        for (HasMetadata object : objects) {
            assertThat(object.getMetadata().getLabels()).as(object.getKind() + " " + object.getMetadata().getName())
                    .containsEntry("app.kubernetes.io/part-of", "datasurface").containsEntry("app.kubernetes.io/managed-by", "kustomize")
                    .containsKey("app.kubernetes.io/instance");
        }
        for (Deployment d : deployments()) {
            assertThat(d.getSpec().getTemplate().getMetadata().getLabels()).containsAllEntriesOf(d.getSpec().getSelector().getMatchLabels())
                    .containsEntry("app.kubernetes.io/name", d.getMetadata().getName()).containsEntry("app.kubernetes.io/component", "serve");
        }
    }

    @Test
    void onlyRenderServiceTalksToTheApiAndItMayOnlyGetSecretsInItsNamespace() {
        assertThat(objects).noneMatch(o -> o.getKind().startsWith("Cluster") || o.getKind().equals("Secret"));
        List<Role> roles = objects.stream().filter(Role.class::isInstance).map(Role.class::cast).toList();
        assertThat(roles).singleElement().satisfies(role -> assertThat(role.getRules()).singleElement().satisfies((PolicyRule rule) -> {
            assertThat(rule.getApiGroups()).containsExactly("");
            assertThat(rule.getResources()).containsExactly("secrets");
            assertThat(rule.getVerbs()).containsExactly("get");
        }));
        RoleBinding binding = objects.stream().filter(RoleBinding.class::isInstance).map(RoleBinding.class::cast).findFirst().orElseThrow();
        assertThat(binding.getRoleRef().getName()).isEqualTo(roles.get(0).getMetadata().getName());
        for (Deployment d : deployments()) {
            PodSpec pod = d.getSpec().getTemplate().getSpec();
            if (d.getMetadata().getName().equals("render-service")) {
                assertThat(binding.getSubjects()).singleElement().satisfies(s -> assertThat(s.getName()).isEqualTo(pod.getServiceAccountName()));
            } else {
                assertThat(pod.getAutomountServiceAccountToken()).as(d.getMetadata().getName()).isFalse();
                assertThat(binding.getSubjects()).noneMatch(s -> s.getName().equals(pod.getServiceAccountName()));
            }
            assertThat(objects).as("the account of " + d.getMetadata().getName())
                    .anyMatch(o -> o.getKind().equals("ServiceAccount") && o.getMetadata().getName().equals(pod.getServiceAccountName()));
        }
    }

    @Test
    void prometheusFindsTheExporterOnItsMetricsPortAndMayReachIt() {
        Deployment exporter = deployment("metrics-exporter");
        assertThat(exporter.getSpec().getTemplate().getMetadata().getAnnotations()).containsEntry("prometheus.io/scrape", "true")
                .containsEntry("prometheus.io/path", "/q/metrics").containsEntry("prometheus.io/port", "8080");
        NetworkPolicy scrape = objects.stream().filter(o -> o instanceof NetworkPolicy p && p.getSpec().getPolicyTypes().contains("Ingress"))
                .map(NetworkPolicy.class::cast).findFirst().orElseThrow();
        assertThat(scrape.getSpec().getPodSelector().getMatchLabels()).isEqualTo(exporter.getSpec().getSelector().getMatchLabels());
        assertThat(scrape.getSpec().getIngress()).singleElement()
                .satisfies(rule -> assertThat(rule.getPorts()).singleElement().satisfies(p -> assertThat(p.getPort().getIntVal()).isEqualTo(8080)));
    }

    @Test
    void theEgressPolicySelectsEveryServiceAndAdmitsDns() {
        NetworkPolicy egress = objects.stream().filter(o -> o instanceof NetworkPolicy p && p.getSpec().getPolicyTypes().equals(List.of("Egress")))
                .map(NetworkPolicy.class::cast).findFirst().orElseThrow();
        for (Deployment d : deployments()) {
            assertThat(d.getSpec().getTemplate().getMetadata().getLabels()).as(d.getMetadata().getName())
                    .containsAllEntriesOf(egress.getSpec().getPodSelector().getMatchLabels());
        }
        assertThat(egress.getSpec().getEgress()).anySatisfy(rule -> assertThat(rule.getPorts()).anySatisfy(p -> {
            assertThat(p.getProtocol()).isEqualTo("UDP");
            assertThat(p.getPort().getIntVal()).isEqualTo(53);
        }));
    }

    @Test
    void renderServiceStartsWithHalfItsMemoryAsATouchedHeapThatMayGrowToThreeQuarters() throws Exception {
        Container app = deployment("render-service").getSpec().getTemplate().getSpec().getContainers().get(0);
        String podOptions = app.getEnv().stream().filter(e -> e.getName().equals("JDK_JAVA_OPTIONS")).map(EnvVar::getValue).findFirst()
                .orElseThrow(() -> new AssertionError("render-service sets no JDK_JAVA_OPTIONS"));
        long limit = Quantity.getAmountInBytes(app.getResources().getLimits().get("memory")).longValueExact();
        long request = Quantity.getAmountInBytes(app.getResources().getRequests().get("memory")).longValueExact();
        Matcher image = Pattern.compile("JAVA_OPTS_APPEND='([^']*)'").matcher(Files.readString(Repo.DOCKER.resolve("Dockerfile.jvm")));
        assertThat(image.find()).as("Dockerfile.jvm sets JAVA_OPTS_APPEND").isTrue();
        // This JDK, told the container's memory limit, given the image's options as bin/launch passes them and the pod's as
        // the pod's environment does.
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-XX:MaxRAM=" + limit));
        command.addAll(List.of(image.group(1).split(" ")));
        command.addAll(List.of("-XX:+PrintFlagsFinal", "-version"));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("JDK_JAVA_OPTIONS", podOptions);
        Process java = builder.start();
        String flags = new String(java.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(java.waitFor()).as(flags).isZero();

        long initialHeap = flag(flags, "InitialHeapSize");
        assertThat(initialHeap).isBetween(limit / 2 - (8 << 20), limit / 2);
        assertThat(flag(flags, "MaxHeapSize")).isBetween(limit * 3 / 4 - (8 << 20), limit * 3 / 4);
        assertThat(flags).containsPattern("bool AlwaysPreTouch\\s+= true");
        assertThat(request).as("the memory request covers the heap the pod holds from its start").isGreaterThan(initialHeap);
    }

    private static long flag(String flags, String name) {
        Matcher m = Pattern.compile("\\b" + name + "\\s+= (\\d+)").matcher(flags);
        assertThat(m.find()).as(name + " in\n" + flags).isTrue();
        return Long.parseLong(m.group(1));
    }

    static List<Deployment> deployments() {
        return objects.stream().filter(Deployment.class::isInstance).map(Deployment.class::cast).toList();
    }

    static Deployment deployment(String name) {
        return deployments().stream().filter(d -> d.getMetadata().getName().equals(name)).findFirst().orElseThrow();
    }
}
