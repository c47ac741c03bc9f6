package io.datasurface.renderservice;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.datasurface.kpsg.IngestedDataset;
import io.datasurface.kpsg.IntentionGraph;
import io.datasurface.kpsg.MappedColumn;
import io.datasurface.kpsg.PostgresNames;
import io.datasurface.kpsg.TableLayout;
import io.datasurface.render.connect.SinkConnectors;
import io.datasurface.testing.TestingKafka;
import io.datasurface.testing.TestingPostgres;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.connect.cli.ConnectStandalone;
import org.apache.kafka.connect.runtime.Connect;
import org.apache.kafka.connect.runtime.Herder;
import org.apache.kafka.connect.runtime.rest.entities.ConnectorInfo;
import org.apache.kafka.connect.runtime.standalone.StandaloneHerder;
import org.apache.kafka.connect.util.FutureCallback;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The rendered connector JSON, run unchanged (but for where the database is and the credentials
 * that EnvVarConfigProvider would fill in) by a real Kafka Connect worker with the Debezium JDBC
 * sink, against a real broker and PostgreSQL 15: Debezium change events of a dataset become staging
 * rows, one per event, deletes included, with ds_op and ds_source_ts filled.
 */
class SinkConnectorTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void theRenderedSinkAppendsEveryChangeEventDeletesIncludedToTheStagingTable(@TempDir Path dir) throws Exception {
        IntentionGraph graph = Acme.graph();
        IngestedDataset addresses = graph.datasets().stream().filter(d -> d.stagingTable().equals("customer_db_addresses_staging"))
                .findFirst().orElseThrow();
        TestingPostgres.Database db = TestingPostgres.get().newDatabase();
        db.execute("CREATE SCHEMA " + PostgresNames.quote(graph.schema()), stagingDdl(graph.schema(), addresses));

        JsonNode rendered = JSON.readTree(Acme.file(Acme.allFiles(),
                SinkConnectors.folder(graph) + "/json/" + SinkConnectors.connectorName(graph, addresses) + ".json"));
        Map<String, String> config = new HashMap<>();
        rendered.get("config").fields().forEachRemaining(e -> config.put(e.getKey(), e.getValue().asText()));
        assertThat(config).containsEntry("connection.username", "${env:PG_MAIN_USER}").containsEntry("connection.password",
                "${env:PG_MAIN_PASSWORD}");
        config.put("connection.url", db.jdbcUrl());
        config.put("connection.username", db.user());
        config.put("connection.password", db.password());

        TestingKafka kafka = TestingKafka.get();
        long created = Instant.parse("2026-01-02T03:04:05.678Z").toEpochMilli();
        try (KafkaProducer<String, String> producer = producer(kafka.bootstrapServers())) {
            String topic = addresses.topic();
            producer.send(new ProducerRecord<>(topic, key(7), envelope(topic, "c", null, row(7, "home", "1 Main St", "Springfield", "12345"), created)));
            producer.send(new ProducerRecord<>(topic, key(7), envelope(topic, "u", null, row(7, "home", "2 Main St", "Springfield", null), created + 1000)));
            // A delete with the default replica identity carries only the key in "before".
            producer.send(new ProducerRecord<>(topic, key(7), envelope(topic, "d", row(7, "home", null, null, null), null, created + 2000)));
            producer.send(new ProducerRecord<>(topic, key(7), null));
            producer.flush();
        }

        Map<String, String> worker = Map.of("bootstrap.servers", kafka.bootstrapServers(),
                "key.converter", "org.apache.kafka.connect.json.JsonConverter",
                "value.converter", "org.apache.kafka.connect.json.JsonConverter",
                "offset.storage.file.filename", dir.resolve("offsets").toString(),
                "listeners", "http://127.0.0.1:0",
                "plugin.discovery", "service_load",
                "consumer.auto.offset.reset", "earliest");
        Connect<StandaloneHerder> connect = new ConnectStandalone().startConnect(worker);
        try {
            FutureCallback<Herder.Created<ConnectorInfo>> cb = new FutureCallback<>();
            connect.herder().putConnectorConfig(rendered.get("name").asText(), config, true, cb);
            cb.get(60, SECONDS);
            List<List<String>> rows = awaitRows(db, graph.schema(), addresses, 3);
            assertThat(rows).containsExactly(
                    List.of("1", "c", "2026-01-02T03:04:05.678Z", "7", "home", "1 Main St", "Springfield", "12345"),
                    List.of("2", "u", "2026-01-02T03:04:06.678Z", "7", "home", "2 Main St", "Springfield", "null"),
                    List.of("3", "d", "2026-01-02T03:04:07.678Z", "7", "home", "null", "null", "null"));
        } finally {
            connect.stop();
            connect.awaitStop();
        }
    }

    /** The staging layout of DESIGN.md §5, as the merge-worker's reconcile creates it: model columns all nullable. */
    private static String stagingDdl(String schema, IngestedDataset d) {
        List<String> columns = new ArrayList<>();
        d.columns().forEach(c -> columns.add(PostgresNames.quote(c.name()) + " " + c.sqlType()));
        columns.add(PostgresNames.quote(TableLayout.SEQ) + " bigserial");
        columns.add(PostgresNames.quote(TableLayout.OP) + " char(1)");
        columns.add(PostgresNames.quote(TableLayout.SOURCE_TS) + " timestamptz");
        columns.add(PostgresNames.quote(TableLayout.INGESTED_AT) + " timestamptz DEFAULT now()");
        return "CREATE TABLE " + PostgresNames.quote(schema) + "." + PostgresNames.quote(d.stagingTable()) + " (" + String.join(", ", columns) + ")";
    }

    private static List<List<String>> awaitRows(TestingPostgres.Database db, String schema, IngestedDataset d, int count) throws Exception {
        String columns = String.join(", ", d.columns().stream().map(MappedColumn::name).map(PostgresNames::quote).toList());
        String sql = "SELECT ds_seq, ds_op, to_char(ds_source_ts AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.MS\"Z\"'), " + columns
                + " FROM " + PostgresNames.quote(schema) + "." + PostgresNames.quote(d.stagingTable()) + " ORDER BY ds_seq";
        long deadline = System.nanoTime() + SECONDS.toNanos(60);
        List<List<String>> rows = List.of();
        while (System.nanoTime() < deadline) {
            rows = new ArrayList<>();
            try (Connection c = db.connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
                while (rs.next()) {
                    List<String> row = new ArrayList<>();
                    for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                        row.add(String.valueOf(rs.getString(i)));
                    }
                    rows.add(row);
                }
            }
            if (rows.size() >= count) {
                return rows;
            }
            Thread.sleep(250);
        }
        return rows;
    }

    private static KafkaProducer<String, String> producer(String bootstrap) {
        Properties p = new Properties();
        p.put("bootstrap.servers", bootstrap);
        p.put("key.serializer", StringSerializer.class.getName());
        p.put("value.serializer", StringSerializer.class.getName());
        return new KafkaProducer<>(p);
    }

    private static ObjectNode field(String name, String type, boolean optional) {
        return JSON.createObjectNode().put("field", name).put("type", type).put("optional", optional);
    }

    private static ObjectNode rowSchema(String topic, String field) {
        ObjectNode s = field(field, "struct", true).put("name", topic + ".Value");
        s.putArray("fields").add(field("customer_id", "int64", false)).add(field("kind", "string", false)).add(field("street", "string", true))
                .add(field("city", "string", true)).add(field("postcode", "string", true));
        return s;
    }

    private static ObjectNode row(long id, String kind, String street, String city, String postcode) {
        return JSON.createObjectNode().put("customer_id", id).put("kind", kind).put("street", street).put("city", city).put("postcode", postcode);
    }

    private static String key(long id) throws Exception {
        ObjectNode schema = JSON.createObjectNode().put("type", "struct").put("optional", false).put("name", "cdc.customer_db.addresses.Key");
        schema.putArray("fields").add(field("customer_id", "int64", false)).add(field("kind", "string", false));
        ObjectNode key = JSON.createObjectNode();
        key.set("schema", schema);
        key.set("payload", JSON.createObjectNode().put("customer_id", id).put("kind", "home"));
        return JSON.writeValueAsString(key);
    }

    /** A Debezium change event in the JSON converter's schema-and-payload form. */
    private static String envelope(String topic, String op, ObjectNode before, ObjectNode after, long sourceTsMs) throws Exception {
        ObjectNode schema = JSON.createObjectNode().put("type", "struct").put("optional", false).put("name", topic + ".Envelope");
        ObjectNode source = field("source", "struct", false).put("name", "io.debezium.connector.postgresql.Source");
        source.putArray("fields").add(field("version", "string", false)).add(field("connector", "string", false))
                .add(field("name", "string", false)).add(field("ts_ms", "int64", false)).add(field("db", "string", false))
                .add(field("schema", "string", false)).add(field("table", "string", false));
        schema.putArray("fields").add(rowSchema(topic, "before")).add(rowSchema(topic, "after")).add(source)
                .add(field("op", "string", false)).add(field("ts_ms", "int64", true));
        ObjectNode payload = JSON.createObjectNode();
        payload.set("before", before);
        payload.set("after", after);
        payload.set("source", JSON.createObjectNode().put("version", "3.6.0.Final").put("connector", "postgresql").put("name", "cdc")
                .put("ts_ms", sourceTsMs).put("db", "crm").put("schema", "public").put("table", "addresses"));
        payload.put("op", op).put("ts_ms", sourceTsMs + 50);
        ObjectNode event = JSON.createObjectNode();
        event.set("schema", schema);
        event.set("payload", payload);
        return JSON.writeValueAsString(event);
    }
}
