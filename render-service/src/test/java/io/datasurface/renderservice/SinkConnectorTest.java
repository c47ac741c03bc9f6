package io.datasurface.renderservice;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.datasurface.kpsg.IngestedDataset;
import io.datasurface.kpsg.IntentionGraph;
import io.datasurface.kpsg.MappedColumn;
import io.datasurface.kpsg.PlatformTableStatements;
import io.datasurface.kpsg.PlatformTables;
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
 * rows, one per event, deletes included, with ds_op, ds_source_ts and ds_tx_id filled; the stores'
 * transaction records reach ds_transactions whole.
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
            producer.send(new ProducerRecord<>(topic, key(7), envelope(topic, "c", null, row(7, "home", "1 Main St", "Springfield", "12345"),
                    created, "571:100")));
            producer.send(new ProducerRecord<>(topic, key(7), envelope(topic, "u", null, row(7, "home", "2 Main St", "Springfield", null),
                    created + 1000, "572:200")));
            // A delete with the default replica identity carries only the key in "before"; this one came without transaction metadata.
            producer.send(new ProducerRecord<>(topic, key(7), envelope(topic, "d", row(7, "home", null, null, null), null, created + 2000, null)));
            producer.send(new ProducerRecord<>(topic, key(7), null));
            producer.flush();
        }

        Connect<StandaloneHerder> connect = startConnect(dir, kafka, rendered.get("name").asText(), config);
        try {
            List<List<String>> rows = awaitRows(db, graph.schema(), addresses, 3);
            assertThat(rows).containsExactly(
                    List.of("1", "c", "2026-01-02T03:04:05.678Z", "571:100", "7", "home", "1 Main St", "Springfield", "12345"),
                    List.of("2", "u", "2026-01-02T03:04:06.678Z", "572:200", "7", "home", "2 Main St", "Springfield", "null"),
                    List.of("3", "d", "2026-01-02T03:04:07.678Z", "null", "7", "home", "null", "null", "null"));
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
        columns.add(PostgresNames.quote(TableLayout.TX_ID) + " text");
        columns.add(PostgresNames.quote(TableLayout.INGESTED_AT) + " timestamptz DEFAULT now()");
        return "CREATE TABLE " + PostgresNames.quote(schema) + "." + PostgresNames.quote(d.stagingTable()) + " (" + String.join(", ", columns) + ")";
    }

    @Test
    void theRenderedTransactionSinkKeepsEveryTransactionRecordWithItsTopic(@TempDir Path dir) throws Exception {
        IntentionGraph graph = Acme.graph();
        TestingPostgres.Database db = TestingPostgres.get().newDatabase();
        db.execute("CREATE SCHEMA " + PostgresNames.quote(graph.schema()));
        db.execute(PlatformTableStatements.create(graph.schema()).toArray(String[]::new));
        String name = "datasurface." + graph.schema() + "." + PlatformTables.TRANSACTIONS.name();
        JsonNode rendered = JSON.readTree(Acme.file(Acme.allFiles(), SinkConnectors.folder(graph) + "/json/" + name + ".json"));
        Map<String, String> config = new HashMap<>();
        rendered.get("config").fields().forEachRemaining(e -> config.put(e.getKey(), e.getValue().asText()));
        config.put("connection.url", db.jdbcUrl());
        config.put("connection.username", db.user());
        config.put("connection.password", db.password());
        String topic = graph.stream("customer_db").orElseThrow().transactionTopic();
        assertThat(config.get("topics").split(",")).contains(topic);

        TestingKafka kafka = TestingKafka.get();
        try (KafkaProducer<String, String> producer = producer(kafka.bootstrapServers())) {
            producer.send(new ProducerRecord<>(topic, "{\"id\":\"571:100\"}", transactionRecord("BEGIN", "571:100")));
            producer.send(new ProducerRecord<>(topic, "{\"id\":\"571:180\"}", transactionRecord("END", "571:180")));
            producer.flush();
        }
        Connect<StandaloneHerder> connect = startConnect(dir, kafka, name, config);
        String query = "SELECT ds_topic, tx_status, tx_id, (coalesce(ds_record::jsonb -> 'payload', ds_record::jsonb) -> 'data_collections' -> 1 "
                + "->> 'event_count') FROM " + PlatformTableStatements.table(graph.schema(), PlatformTables.TRANSACTIONS.name()) + " ORDER BY ds_seq";
        try {
            List<String> rows = awaitRows(db, query, 2).stream().map(row -> String.join("|", row)).toList();
            assertThat(rows).as("records of one transaction share its xid; the LSN after it differs")
                    .containsExactly(topic + "|BEGIN|571|null", topic + "|END|571|2");
        } finally {
            connect.stop();
            connect.awaitStop();
        }
    }

    /** A standalone Kafka Connect worker as a platform runs it, with one connector put and running. */
    private static Connect<StandaloneHerder> startConnect(Path dir, TestingKafka kafka, String name, Map<String, String> config) throws Exception {
        Map<String, String> worker = Map.of("bootstrap.servers", kafka.bootstrapServers(),
                "key.converter", "org.apache.kafka.connect.json.JsonConverter",
                "value.converter", "org.apache.kafka.connect.json.JsonConverter",
                "offset.storage.file.filename", dir.resolve("offsets").toString(),
                "listeners", "http://127.0.0.1:0",
                "plugin.discovery", "service_load",
                "consumer.auto.offset.reset", "earliest");
        Connect<StandaloneHerder> connect = new ConnectStandalone().startConnect(worker);
        FutureCallback<Herder.Created<ConnectorInfo>> cb = new FutureCallback<>();
        connect.herder().putConnectorConfig(name, config, true, cb);
        cb.get(60, SECONDS);
        return connect;
    }

    /** A record of Debezium's transaction topic as the JSON converter writes it: BEGIN, or END counting 1 address and 2 customers. */
    private static String transactionRecord(String status, String id) throws Exception {
        ObjectNode collection = field("", "struct", false);
        collection.remove("field");
        collection.putArray("fields").add(field("data_collection", "string", false)).add(field("event_count", "int64", false));
        ObjectNode schema = JSON.createObjectNode().put("type", "struct").put("optional", false)
                .put("name", "io.debezium.connector.common.TransactionMetadataValue");
        ObjectNode collections = field("data_collections", "array", true);
        collections.set("items", collection);
        schema.putArray("fields").add(field("status", "string", false)).add(field("id", "string", false))
                .add(field("event_count", "int64", true)).add(collections).add(field("ts_ms", "int64", false));
        ObjectNode payload = JSON.createObjectNode().put("status", status).put("id", id).put("ts_ms", 1767323045678L);
        if (status.equals("END")) {
            payload.put("event_count", 3);
            payload.putArray("data_collections")
                    .add(JSON.createObjectNode().put("data_collection", "public.addresses").put("event_count", 1))
                    .add(JSON.createObjectNode().put("data_collection", "public.customers").put("event_count", 2));
        } else {
            payload.putNull("event_count");
            payload.putNull("data_collections");
        }
        ObjectNode record = JSON.createObjectNode();
        record.set("schema", schema);
        record.set("payload", payload);
        return JSON.writeValueAsString(record);
    }

    private static List<List<String>> awaitRows(TestingPostgres.Database db, String schema, IngestedDataset d, int count) throws Exception {
        String columns = String.join(", ", d.columns().stream().map(MappedColumn::name).map(PostgresNames::quote).toList());
        String sql = "SELECT ds_seq, ds_op, to_char(ds_source_ts AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.MS\"Z\"'), ds_tx_id, " + columns
                + " FROM " + PostgresNames.quote(schema) + "." + PostgresNames.quote(d.stagingTable()) + " ORDER BY ds_seq";
        return awaitRows(db, sql, count);
    }

    /** The query's rows, each as its columns' text, once there are {@code count} of them or a minute has passed. */
    private static List<List<String>> awaitRows(TestingPostgres.Database db, String sql, int count) throws Exception {
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

    /** A Debezium change event in the JSON converter's schema-and-payload form; {@code transaction} null when it carries none. */
    private static String envelope(String topic, String op, ObjectNode before, ObjectNode after, long sourceTsMs, String transaction)
            throws Exception {
        ObjectNode schema = JSON.createObjectNode().put("type", "struct").put("optional", false).put("name", topic + ".Envelope");
        ObjectNode source = field("source", "struct", false).put("name", "io.debezium.connector.postgresql.Source");
        source.putArray("fields").add(field("version", "string", false)).add(field("connector", "string", false))
                .add(field("name", "string", false)).add(field("ts_ms", "int64", false)).add(field("db", "string", false))
                .add(field("schema", "string", false)).add(field("table", "string", false));
        ObjectNode transactionSchema = field("transaction", "struct", true).put("name", "event.block");
        transactionSchema.putArray("fields").add(field("id", "string", false)).add(field("total_order", "int64", false))
                .add(field("data_collection_order", "int64", false));
        schema.putArray("fields").add(rowSchema(topic, "before")).add(rowSchema(topic, "after")).add(source)
                .add(field("op", "string", false)).add(field("ts_ms", "int64", true)).add(transactionSchema);
        ObjectNode payload = JSON.createObjectNode();
        payload.set("before", before);
        payload.set("after", after);
        payload.set("source", JSON.createObjectNode().put("version", "3.6.0.Final").put("connector", "postgresql").put("name", "cdc")
                .put("ts_ms", sourceTsMs).put("db", "crm").put("schema", "public").put("table", "addresses"));
        payload.put("op", op).put("ts_ms", sourceTsMs + 50);
        payload.set("transaction", transaction == null ? null
                : JSON.createObjectNode().put("id", transaction).put("total_order", 1).put("data_collection_order", 1));
        ObjectNode event = JSON.createObjectNode();
        event.set("schema", schema);
        event.set("payload", payload);
        return JSON.writeValueAsString(event);
    }
}
