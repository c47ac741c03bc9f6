package io.datasurface.renderservice;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.datasurface.kpsg.IngestedDataset;
import io.datasurface.kpsg.IntentionGraph;
import io.datasurface.render.RenderedFile;
import io.datasurface.render.connect.SinkConnectors;
import java.io.IOException;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class ConnectorFilesTest {
    private static final Pattern RESOURCE = Pattern.compile("(?s)resource \"kafka-connect_connector\" \"([^\"]+)\" \\{(.*?)\n}\n");

    @Test
    void eachDatasetHasAJsonSinkAppendingItsTopicToItsStagingTableWithDeletesKeptAsRows() throws IOException {
        IntentionGraph graph = Acme.graph();
        List<RenderedFile> files = Acme.allFiles();
        List<RenderedFile> json = files.stream().filter(f -> f.path().startsWith(SinkConnectors.folder(graph) + "/") && f.path().endsWith(".json"))
                .toList();
        assertThat(json).as("one sink per dataset and one for the transaction topics").hasSize(graph.datasets().size() + 1);
        for (IngestedDataset d : graph.datasets()) {
            String path = SinkConnectors.folder(graph) + "/json/" + SinkConnectors.connectorName(graph, d) + ".json";
            JsonNode connector = new ObjectMapper().readTree(Acme.file(files, path));
            JsonNode config = connector.get("config");
            assertThat(connector.get("name").asText()).isEqualTo(SinkConnectors.connectorName(graph, d));
            assertThat(config.get("connector.class").asText()).isEqualTo("io.debezium.connector.jdbc.JdbcSinkConnector");
            assertThat(config.get("topics").asText()).isEqualTo(d.topic());
            assertThat(config.get("collection.name.format").asText()).isEqualTo(graph.schema() + "." + d.stagingTable());
            assertThat(config.get("insert.mode").asText()).isEqualTo("insert");
            assertThat(config.get("delete.enabled").asText()).isEqualTo("false");
            assertThat(config.get("schema.evolution").asText()).isEqualTo("none");
            assertThat(config.get("transforms.unwrap.type").asText()).isEqualTo("io.debezium.transforms.ExtractNewRecordState");
            assertThat(config.get("transforms.unwrap.delete.tombstone.handling.mode").asText()).isEqualTo("rewrite");
            assertThat(config.get("transforms.unwrap.add.fields").asText()).isEqualTo("op,source.ts_ms,transaction.id");
            assertThat(config.get("transforms.rename.renames").asText()).startsWith("__op:ds_op,__source_ts_ms:ds_source_ts,__transaction_id:ds_tx_id");
            assertThat(config.get("transforms.rename.exclude").asText()).isEqualTo("__deleted");
            assertThat(config.get("connection.username").asText()).isEqualTo("${env:PG_MAIN_USER}");
            assertThat(config.get("connection.password").asText()).isEqualTo("${env:PG_MAIN_PASSWORD}");
        }
    }

    @Test
    void terraformDeclaresEveryConnectorWithTheSameConfigAndSecretsOnlyAsSensitiveVariables() throws IOException {
        IntentionGraph graph = Acme.graph();
        List<RenderedFile> files = Acme.allFiles();
        String tf = Acme.file(files, SinkConnectors.folder(graph) + "/terraform/main.tf");
        assertThat(tf).contains("source  = \"Mongey/kafka-connect\"");
        Matcher m = RESOURCE.matcher(tf);
        int resources = 0;
        while (m.find()) {
            resources++;
            String body = m.group(2);
            String table = m.group(1);
            JsonNode config = new ObjectMapper().readTree(Acme.file(files,
                    SinkConnectors.folder(graph) + "/json/datasurface." + graph.schema() + "." + table + ".json")).get("config");
            String plain = body.substring(body.indexOf("config = {"), body.indexOf("config_sensitive"));
            String sensitive = body.substring(body.indexOf("config_sensitive"));
            config.fields().forEachRemaining(e -> {
                String line = "\"" + e.getKey() + "\" = ";
                if (e.getKey().startsWith("connection.user") || e.getKey().startsWith("connection.pass")) {
                    assertThat(plain).doesNotContain(line);
                    assertThat(sensitive).containsPattern("\"" + Pattern.quote(e.getKey()) + "\" = var\\.pg_main_(user|password)\n");
                } else {
                    assertThat(plain).contains(line + "\"" + e.getValue().asText().replace("$", "$") + "\"");
                }
            });
        }
        assertThat(resources).isEqualTo(graph.datasets().size() + 1);
        assertThat(tf).containsPattern("variable \"pg_main_password\" \\{[^}]*sensitive   = true");
        assertThat(tf).containsPattern("variable \"connect_api_token\" \\{[^}]*sensitive   = true");
    }

    @Test
    void noRenderedFileHoldsASecretValueOnlyReferencesToIt() {
        for (RenderedFile file : Acme.allFiles()) {
            assertThat(file.content()).as(file.path())
                    .doesNotContainPattern("(?i)(password|token|secret-key)\"?\\s*[:=]\\s*\"[^\"$]")
                    .doesNotContainPattern("(?m)^kind: Secret$");
        }
    }
}
