package io.datasurface.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.datasurface.events.DataSurfaceEvent;
import io.datasurface.model.KubernetesPGStarter;
import io.datasurface.render.k8s.Bootstrap;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * In JVM mode, what a native image of a service would miss: a class Jackson or Qute reaches by reflection that
 * reflect-config.json does not open, a resource of core that resource-config.json does not keep, or a native profile
 * that does not hand both files to the build.
 */
class NativeRegistrationTest {

    @Test
    void everyClassJacksonOrTheTemplatesReachByReflectionIsRegisteredWithFullAccess() throws IOException {
        Map<String, JsonNode> registered = new HashMap<>();
        NativeConfig.read(NativeConfig.REFLECTION).forEach(entry -> registered.put(entry.get("name").asText(), entry));
        Set<String> needed = ReflectionClosure.classNames();
        assertThat(needed).as("the closure reaches the model through the graph and the events")
                .contains(KubernetesPGStarter.class.getName(), DataSurfaceEvent.MergeFailed.class.getName(),
                        DataSurfaceEvent.TransactionsReleased.class.getName(), Bootstrap.View.class.getName(),
                        "io.datasurface.kpsg.IntentionGraph", "io.datasurface.model.Column");
        assertThat(registered.keySet()).as("missing from %s (run UpdateNativeConfig)", NativeConfig.REFLECTION).containsAll(needed);
        for (String name : needed) {
            for (String flag : NativeConfig.ACCESS) {
                assertThat(registered.get(name).path(flag).asBoolean()).as(name + " " + flag).isTrue();
            }
        }
    }

    @Test
    void everyRegisteredClassExistsSoNoEntryIsStale() throws IOException {
        for (JsonNode entry : NativeConfig.read(NativeConfig.REFLECTION)) {
            assertThat(ReflectionClosure.coreClassNames()).as("registered but not in core").contains(entry.get("name").asText());
        }
    }

    @Test
    void everyResourceCoreLoadsIsKeptInTheImage() throws IOException {
        List<Pattern> includes = new ArrayList<>();
        NativeConfig.read(NativeConfig.RESOURCES).path("resources").path("includes")
                .forEach(i -> includes.add(Pattern.compile(i.get("pattern").asText())));
        Path root = ReflectionClosure.coreRoot();
        List<String> resources;
        try (Stream<Path> files = Files.walk(root)) {
            resources = files.filter(Files::isRegularFile).map(p -> root.relativize(p).toString().replace('\\', '/'))
                    .filter(p -> p.startsWith("schema/") || p.startsWith("templates/")).sorted().toList();
        }
        assertThat(resources).contains("schema/datasurface.schema.json", "templates/render/airflow/dag.py", "templates/render/k8s/bootstrap.yaml");
        for (String resource : resources) {
            assertThat(includes).as(resource).anyMatch(p -> p.matcher(resource).matches());
        }
    }

    @Test
    void theNativeProfileHandsBothFilesToEveryServicesBuild() throws IOException {
        String pom = Files.readString(Repo.ROOT.resolve("pom.xml"), StandardCharsets.UTF_8);
        String profile = pom.substring(pom.indexOf("<id>native</id>"));
        profile = profile.substring(0, profile.indexOf("</profile>"));
        assertThat(profile).contains("<quarkus.native.enabled>true</quarkus.native.enabled>")
                .contains("-H:ReflectionConfigurationFiles=${project.basedir}/../deploy/native-image/reflect-config.json")
                .contains("-H:ResourceConfigurationFiles=${project.basedir}/../deploy/native-image/resource-config.json");
        for (String service : ImagesTest.SERVICES) {
            assertThat(Repo.ROOT.resolve(service).resolve("..").resolve("deploy/native-image/reflect-config.json").normalize())
                    .as("the path as " + service + " resolves it").isEqualTo(NativeConfig.REFLECTION);
        }
    }
}
