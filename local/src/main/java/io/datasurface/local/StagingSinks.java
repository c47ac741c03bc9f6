package io.datasurface.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.datasurface.kpsg.IntentionGraph;
import io.datasurface.render.PlatformSecrets;
import io.datasurface.render.RenderedFile;
import io.datasurface.render.SecretKeyRef;
import io.datasurface.render.connect.SinkConnectors;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The platform's rendered sink connectors (the Kafka Connect REST JSON files), made runnable
 * locally with as little change as possible: the {@code ${env:...}} secret placeholders, which
 * Kafka's EnvVarConfigProvider fills on a real worker, get the local database's credentials, and
 * {@code connection.url} points at the local platform database. Everything else runs as rendered.
 */
public final class StagingSinks {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{env:([^}]+)}");

    private StagingSinks() {
    }

    /** The config of every rendered sink of the graph, in rendering order, ready to put. */
    public static List<Map<String, String>> configs(IntentionGraph graph, List<RenderedFile> rendered, LocalPostgres.Database platformDatabase) {
        String folder = SinkConnectors.folder(graph) + "/json/";
        Map<String, String> secrets = secrets(graph, platformDatabase);
        List<Map<String, String>> configs = new ArrayList<>();
        for (RenderedFile file : rendered) {
            if (file.path().startsWith(folder) && file.path().endsWith(".json")) {
                configs.add(config(file, secrets, platformDatabase.jdbcUrl()));
            }
        }
        int expected = SinkConnectors.connectors(graph).size();
        if (configs.size() != expected) {
            throw new IllegalStateException(configs.size() + " sink connectors rendered under " + folder + " where the graph has "
                    + expected + " (one per ingested dataset and one for the transaction topics)");
        }
        return configs;
    }

    private static Map<String, String> config(RenderedFile file, Map<String, String> secrets, String jdbcUrl) {
        JsonNode rendered;
        try {
            rendered = JSON.readTree(file.content());
        } catch (IOException e) {
            throw new UncheckedIOException("rendered connector " + file.path() + " is not JSON: " + e.getMessage(), e);
        }
        Map<String, String> config = new LinkedHashMap<>();
        rendered.get("config").fields().forEachRemaining(e -> config.put(e.getKey(), substitute(file, e.getValue().asText(), secrets)));
        config.put("connection.url", jdbcUrl);
        config.putIfAbsent("name", rendered.get("name").asText());
        return config;
    }

    private static String substitute(RenderedFile file, String value, Map<String, String> secrets) {
        Matcher m = PLACEHOLDER.matcher(value);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String secret = secrets.get(m.group(1));
            if (secret == null) {
                throw new IllegalStateException(file.path() + " reads " + m.group(0) + ", which the local platform does not provide");
            }
            m.appendReplacement(out, Matcher.quoteReplacement(secret));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** The worker environment a real platform would have: the platform database credential's variables. */
    private static Map<String, String> secrets(IntentionGraph graph, LocalPostgres.Database platformDatabase) {
        Map<String, String> env = new HashMap<>();
        for (SecretKeyRef ref : PlatformSecrets.env(graph.platform().postgres().credential())) {
            env.put(ref.envVar(), ref.key().equals(PlatformSecrets.USER_KEY) ? platformDatabase.user() : platformDatabase.password());
        }
        return env;
    }
}
