package io.datasurface.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * The native-image configuration of deploy/native-image/, which the root pom's native profile hands to every
 * service's native build: reflect-config.json (the classes of {@link ReflectionClosure}) and resource-config.json
 * (core's JSON Schema and templates).
 */
final class NativeConfig {
    static final Path REFLECTION = Repo.NATIVE_IMAGE.resolve("reflect-config.json");
    static final Path RESOURCES = Repo.NATIVE_IMAGE.resolve("resource-config.json");
    /** Jackson reads records through their canonical constructors and accessors; Qute calls public methods by name. */
    static final List<String> ACCESS = List.of("allDeclaredConstructors", "allPublicConstructors", "allDeclaredMethods", "allPublicMethods",
            "allDeclaredFields");
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private NativeConfig() {
    }

    static JsonNode read(Path file) throws IOException {
        return JSON.readTree(file.toFile());
    }

    static void writeReflection(Set<String> classNames) throws IOException {
        ArrayNode entries = JSON.createArrayNode();
        for (String name : classNames) {
            ObjectNode entry = entries.addObject().put("name", name);
            ACCESS.forEach(flag -> entry.put(flag, true));
        }
        Files.writeString(REFLECTION, JSON.writeValueAsString(entries) + "\n");
    }
}
