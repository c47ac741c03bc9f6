package io.datasurface.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** {@code kubectl kustomize k8s/} (kubectl from the PATH; .ci/run installs Debian's kubernetes-client when it is absent). */
class KustomizeTest {

    @Test
    void kustomizeBuildsEveryManifestIntoTypedObjectsWithoutUnknownFields() throws IOException {
        List<HasMetadata> built = Kustomize.build();
        int documents = 0;
        try (Stream<Path> files = Files.list(Repo.K8S)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yaml") && !f.endsWith("kustomization.yaml")).toList()) {
                documents += KubernetesYaml.documents(Files.readString(file, StandardCharsets.UTF_8)).size();
            }
        }
        assertThat(built).hasSize(documents);
        for (HasMetadata object : built) {
            assertThat(KubernetesYaml.unknownFields(object, object.getKind())).as(object.getKind() + " " + object.getMetadata().getName()).isEmpty();
        }
    }

    @Test
    void theImagePlaceholderIsReplacedByTheKustomizationsImage() {
        List<String> images = Kustomize.build().stream().filter(Deployment.class::isInstance).map(Deployment.class::cast)
                .map(d -> d.getSpec().getTemplate().getSpec().getContainers().get(0).getImage()).distinct().toList();
        assertThat(images).containsExactly("ghcr.io/acme/datasurface-merge-worker:1.0.0");
    }
}
