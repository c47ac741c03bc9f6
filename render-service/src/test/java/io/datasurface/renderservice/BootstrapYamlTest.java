package io.datasurface.renderservice;

import static org.assertj.core.api.Assertions.assertThat;

import io.datasurface.render.PlatformSecrets;
import io.datasurface.render.RequiredSecret;
import io.datasurface.render.k8s.Bootstrap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The bootstrap YAML read back as fabric8's typed Kubernetes objects, every field known to the Kubernetes API model. */
class BootstrapYamlTest {
    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();
    static String yaml;
    static List<HasMetadata> objects;

    @BeforeAll
    static void parse() {
        yaml = Acme.file(Acme.allFiles(), Bootstrap.YAML);
        objects = new ArrayList<>();
        for (String document : documents(yaml)) {
            objects.add(typed(document));
        }
    }

    @Test
    void everyDocumentParsesIntoATypedKubernetesObjectWithoutUnknownFields() {
        assertThat(objects).hasSize(documents(yaml).size()).isNotEmpty();
        for (HasMetadata object : objects) {
            assertThat(unknownFields(object, object.getKind())).as(object.getKind() + " " + object.getMetadata().getName()).isEmpty();
        }
        assertThat(objects.stream().map(HasMetadata::getKind).collect(Collectors.toSet()))
                .contains("Namespace", "StatefulSet", "Service", "Deployment", "NetworkPolicy", "Role", "RoleBinding", "ServiceAccount",
                        "PersistentVolumeClaim", "ConfigMap");
    }

    @Test
    void aMisspelledFieldIsCaughtByTheUnknownFieldCheck() {
        HasMetadata service = typed("""
                apiVersion: v1
                kind: Service
                metadata:
                  name: pg
                spec:
                  prots:
                    - port: 5432
                """);
        assertThat(unknownFields(service, "Service")).containsExactly("Service.spec.prots");
    }

    @Test
    void secretsAreReferencedNeverCreatedAndEachReferenceIsOnTheChecklist() {
        assertThat(objects).noneMatch(o -> o.getKind().equals("Secret"));
        Map<String, List<String>> required = PlatformSecrets.required(Acme.graph().platform()).stream()
                .collect(Collectors.toMap(RequiredSecret::name, RequiredSecret::keys));
        List<String> references = new ArrayList<>();
        for (PodSpec pod : podSpecs()) {
            List<Container> containers = new ArrayList<>(pod.getContainers());
            containers.addAll(pod.getInitContainers());
            for (Container c : containers) {
                for (EnvVar env : c.getEnv()) {
                    if (env.getValueFrom() != null && env.getValueFrom().getSecretKeyRef() != null) {
                        String name = env.getValueFrom().getSecretKeyRef().getName();
                        String key = env.getValueFrom().getSecretKeyRef().getKey();
                        assertThat(required).as("secret " + name).containsKey(name);
                        assertThat(required.get(name)).as("keys of " + name).contains(key);
                        references.add(name + "/" + key);
                    } else {
                        assertThat(env.getName()).as("a secret as a plain value").doesNotContainIgnoringCase("password").doesNotEndWith("_TOKEN");
                    }
                }
            }
        }
        assertThat(references).contains("pg-main/user", "pg-main/password", "airflow-webserver/secret-key");
    }

    @Test
    void everyObjectCarriesAppKubernetesIoLabelsAndEveryContainerHasRequestsAndLimits() {
        for (HasMetadata object : objects) {
            assertThat(object.getMetadata().getLabels()).as(object.getKind() + " " + object.getMetadata().getName())
                    .containsEntry("app.kubernetes.io/part-of", "datasurface").containsKey("app.kubernetes.io/managed-by");
        }
        for (PodSpec pod : podSpecs()) {
            List<Container> containers = new ArrayList<>(pod.getContainers());
            containers.addAll(pod.getInitContainers());
            for (Container c : containers) {
                assertThat(c.getResources().getRequests()).as(c.getName()).containsKeys("cpu", "memory");
                assertThat(c.getResources().getLimits()).as(c.getName()).containsKeys("cpu", "memory");
            }
        }
    }

    @Test
    void postgresIsAStatefulSetWithProbesAPersistentVolumeAndTheServiceTheModelNames() {
        StatefulSet pg = only(StatefulSet.class);
        Container c = pg.getSpec().getTemplate().getSpec().getContainers().get(0);
        assertThat(c.getReadinessProbe()).isNotNull();
        assertThat(c.getLivenessProbe()).isNotNull();
        assertThat(pg.getSpec().getVolumeClaimTemplates()).hasSize(1);
        assertThat(objects).anyMatch(o -> o instanceof Service s && s.getMetadata().getName().equals("pg")
                && s.getSpec().getSelector().equals(pg.getSpec().getSelector().getMatchLabels()));
    }

    @Test
    void airflowMayLaunchWatchAndDeletePodsInItsNamespaceOnly() {
        Role role = objects.stream().filter(o -> o instanceof Role r && r.getMetadata().getName().equals("airflow-pod-launcher"))
                .map(Role.class::cast).findFirst().orElseThrow();
        assertThat(role.getMetadata().getNamespace()).isEqualTo("datasurface");
        assertThat(role.getRules()).anySatisfy(rule -> {
            assertThat(rule.getResources()).containsExactly("pods");
            assertThat(rule.getVerbs()).contains("create", "get", "watch", "delete");
        });
        assertThat(objects).anyMatch(o -> o instanceof RoleBinding b && b.getRoleRef().getName().equals("airflow-pod-launcher")
                && b.getSubjects().get(0).getName().equals("airflow"));
        List<Deployment> airflow = objects.stream().filter(o -> o instanceof Deployment d
                && "airflow".equals(d.getMetadata().getLabels().get("app.kubernetes.io/name"))).map(Deployment.class::cast).toList();
        assertThat(airflow).extracting(d -> d.getSpec().getTemplate().getSpec().getServiceAccountName()).containsOnly("airflow").hasSize(2);
    }

    @Test
    void theNetworkPolicyAdmitsOnlyPodsOfTheNamespace() {
        NetworkPolicy policy = only(NetworkPolicy.class);
        assertThat(policy.getSpec().getPolicyTypes()).containsExactly("Ingress");
        assertThat(policy.getSpec().getIngress()).singleElement().satisfies(rule -> {
            assertThat(rule.getFrom()).singleElement().satisfies(peer -> {
                assertThat(peer.getNamespaceSelector()).isNull();
                assertThat(peer.getPodSelector()).isNotNull();
            });
        });
    }

    @Test
    void theChecklistNamesEverySecretWithItsKeys() {
        String checklist = Acme.file(Acme.allFiles(), Bootstrap.CHECKLIST);
        for (RequiredSecret secret : PlatformSecrets.required(Acme.graph().platform())) {
            StringBuilder command = new StringBuilder("create secret generic " + secret.name());
            secret.keys().forEach(k -> command.append(" --from-literal=").append(k).append("=..."));
            assertThat(checklist).contains("| `" + secret.name() + "` |").contains(command);
        }
    }

    private static List<String> documents(String text) {
        return Arrays.stream(text.split("(?m)^---$")).filter(d -> d.lines().anyMatch(l -> !l.isBlank() && !l.startsWith("#"))).toList();
    }

    private static HasMetadata typed(String document) {
        Object object = SERIALIZATION.unmarshal(document);
        assertThat(object).isInstanceOf(HasMetadata.class).isNotInstanceOf(GenericKubernetesResource.class);
        return (HasMetadata) object;
    }

    private <T> T only(Class<T> type) {
        List<T> found = objects.stream().filter(type::isInstance).map(type::cast).toList();
        assertThat(found).hasSize(1);
        return found.get(0);
    }

    private static List<PodSpec> podSpecs() {
        List<PodSpec> specs = new ArrayList<>();
        for (HasMetadata o : objects) {
            if (o instanceof Deployment d) {
                specs.add(d.getSpec().getTemplate().getSpec());
            } else if (o instanceof StatefulSet s) {
                specs.add(s.getSpec().getTemplate().getSpec());
            }
        }
        assertThat(specs).isNotEmpty();
        return specs;
    }

    /**
     * The paths of fields the typed model did not know: fabric8 keeps them in additionalProperties
     * instead of failing, so every object in the tree is asked.
     */
    static List<String> unknownFields(Object node, String path) {
        List<String> unknown = new ArrayList<>();
        if (node == null) {
            return unknown;
        }
        if (node instanceof Collection<?> list) {
            list.forEach(item -> unknown.addAll(unknownFields(item, path + "[]")));
            return unknown;
        }
        if (node instanceof Map<?, ?> map) {
            map.forEach((k, v) -> unknown.addAll(unknownFields(v, path + "." + k)));
            return unknown;
        }
        if (!node.getClass().getName().startsWith("io.fabric8.")) {
            return unknown;
        }
        for (Method m : node.getClass().getMethods()) {
            if (m.getParameterCount() != 0 || Modifier.isStatic(m.getModifiers()) || m.getDeclaringClass() == Object.class) {
                continue;
            }
            String name = m.getName();
            boolean getter = name.startsWith("get") && name.length() > 3;
            if (!getter || name.equals("getClass")) {
                continue;
            }
            Object value;
            try {
                value = m.invoke(node);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
            if (name.equals("getAdditionalProperties")) {
                ((Map<?, ?>) value).keySet().forEach(k -> unknown.add(path + "." + k));
            } else if (!SKIPPED.contains(name)) {
                unknown.addAll(unknownFields(value, path + "." + Character.toLowerCase(name.charAt(3)) + name.substring(4)));
            }
        }
        return unknown;
    }

    /** Derived views of an object that are not fields of it. */
    private static final Set<String> SKIPPED = Set.of("getFullResourceName", "getPlural", "getSingular", "getApiVersion", "getKind");
}
