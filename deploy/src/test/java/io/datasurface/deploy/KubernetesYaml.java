package io.datasurface.deploy;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Multi-document Kubernetes YAML read into fabric8's typed model, and the fields that model did not know. */
final class KubernetesYaml {
    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();
    /** Derived views of an object that are not fields of it. */
    private static final Set<String> DERIVED = Set.of("getFullResourceName", "getPlural", "getSingular", "getApiVersion", "getKind");

    private KubernetesYaml() {
    }

    /** The documents of a file that hold more than comments. */
    static List<String> documents(String text) {
        return Arrays.stream(text.split("(?m)^---\\s*$")).filter(d -> d.lines().anyMatch(l -> !l.isBlank() && !l.strip().startsWith("#")))
                .toList();
    }

    /** A document as its typed object; a kind fabric8 does not know comes back generic, and is refused. */
    static HasMetadata typed(String document) {
        Object object = SERIALIZATION.unmarshal(document);
        if (!(object instanceof HasMetadata typed) || object instanceof GenericKubernetesResource) {
            throw new AssertionError("not a typed Kubernetes object: " + document.lines().limit(3).toList());
        }
        return typed;
    }

    static List<HasMetadata> typedAll(String text) {
        return documents(text).stream().map(KubernetesYaml::typed).toList();
    }

    /**
     * The paths of fields the typed model did not know. fabric8 keeps them in additionalProperties
     * instead of failing, so every object of the tree is asked: a misspelled field is an unknown one.
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
            String name = m.getName();
            if (m.getParameterCount() != 0 || Modifier.isStatic(m.getModifiers()) || !name.startsWith("get") || name.length() == 3
                    || name.equals("getClass") || DERIVED.contains(name)) {
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
            } else {
                unknown.addAll(unknownFields(value, path + "." + Character.toLowerCase(name.charAt(3)) + name.substring(4)));
            }
        }
        return unknown;
    }
}
