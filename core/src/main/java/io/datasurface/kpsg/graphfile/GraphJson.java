package io.datasurface.kpsg.graphfile;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.datasurface.kpsg.BatchStream;
import io.datasurface.kpsg.IngestedDataset;
import io.datasurface.kpsg.IntentionGraph;
import io.datasurface.kpsg.MappedColumn;
import io.datasurface.kpsg.WorkspaceSchema;
import io.datasurface.model.Column;
import io.datasurface.model.Credential;
import io.datasurface.model.CredentialKind;
import io.datasurface.model.DataType;
import io.datasurface.model.Dataset;
import io.datasurface.model.Documentation;
import io.datasurface.model.KubernetesPGStarter;
import io.datasurface.model.Milestoning;
import io.datasurface.model.Schema;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The intention graph as compact JSON, written and read field by field with the streaming API (no reflection, so a
 * job reads it in a fraction of what data binding costs a fresh JVM). Every record is built with its constructor, so a
 * component added to a graph record does not compile here until it is written and read. A dataset's columns are
 * written once, as rows {@code [name, type, nullable, primaryKey, classification, column, sqlType]} (the model column
 * and its PostgreSQL name and type), and a workspace view names its dataset by store and name instead of repeating it.
 * Fields are read in the order they are written: the file is only ever written by {@link #write}, and its hash says
 * when it was not.
 */
final class GraphJson {
    private GraphJson() {
    }

    static void write(JsonGenerator g, IntentionGraph graph) throws IOException {
        g.writeStartObject();
        g.writeFieldName("platform");
        writePlatform(g, graph.platform());
        g.writeStringField("schema", graph.schema());
        g.writeArrayFieldStart("streams");
        Map<String, IngestedDataset> datasets = new HashMap<>();
        for (BatchStream s : graph.streams()) {
            writeStream(g, s);
            s.datasets().forEach(d -> datasets.putIfAbsent(key(d.datastore(), d.name()), d));
        }
        g.writeEndArray();
        g.writeArrayFieldStart("workspaces");
        for (WorkspaceSchema w : graph.workspaces()) {
            g.writeStartObject();
            g.writeStringField("workspace", w.workspace());
            g.writeStringField("schema", w.schema());
            g.writeStringField("role", w.role());
            g.writeArrayFieldStart("views");
            for (WorkspaceSchema.View v : w.views()) {
                if (!v.dataset().equals(datasets.get(key(v.dataset().datastore(), v.dataset().name())))) {
                    throw new IllegalStateException("view " + w.schema() + "." + v.live() + " reads dataset " + v.dataset().datastore() + "."
                            + v.dataset().name() + ", which is not the one of the graph's batch-streams; a graph file cannot hold it");
                }
                g.writeStartObject();
                g.writeStringField("datastore", v.dataset().datastore());
                g.writeStringField("dataset", v.dataset().name());
                g.writeStringField("live", v.live());
                if (v.history().isPresent()) {
                    WorkspaceSchema.History h = v.history().get();
                    g.writeArrayFieldStart("history");
                    g.writeString(h.view());
                    g.writeString(h.asOfFunction());
                    g.writeString(h.changesFunction());
                    g.writeEndArray();
                } else {
                    g.writeNullField("history");
                }
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    /** Reads the graph whose opening brace is the parser's current token. */
    static IntentionGraph read(JsonParser p) throws IOException {
        expect(p, JsonToken.START_OBJECT);
        field(p, "platform");
        KubernetesPGStarter platform = readPlatform(p);
        String schema = string(p, "schema");
        field(p, "streams");
        start(p, JsonToken.START_ARRAY);
        Map<String, DataType> types = new HashMap<>();
        List<BatchStream> streams = new ArrayList<>();
        Map<String, IngestedDataset> datasets = new HashMap<>();
        while (p.nextToken() != JsonToken.END_ARRAY) {
            BatchStream s = readStream(p, types);
            streams.add(s);
            s.datasets().forEach(d -> datasets.putIfAbsent(key(d.datastore(), d.name()), d));
        }
        field(p, "workspaces");
        start(p, JsonToken.START_ARRAY);
        List<WorkspaceSchema> workspaces = new ArrayList<>();
        while (p.nextToken() != JsonToken.END_ARRAY) {
            expect(p, JsonToken.START_OBJECT);
            String workspace = string(p, "workspace");
            String wsSchema = string(p, "schema");
            String role = string(p, "role");
            field(p, "views");
            start(p, JsonToken.START_ARRAY);
            List<WorkspaceSchema.View> views = new ArrayList<>();
            while (p.nextToken() != JsonToken.END_ARRAY) {
                expect(p, JsonToken.START_OBJECT);
                String store = string(p, "datastore");
                String name = string(p, "dataset");
                IngestedDataset d = datasets.get(key(store, name));
                if (d == null) {
                    throw new IllegalArgumentException("workspace " + workspace + " has a view of " + store + "." + name
                            + ", which no batch-stream ingests");
                }
                String live = string(p, "live");
                field(p, "history");
                Optional<WorkspaceSchema.History> history = Optional.empty();
                if (p.nextToken() == JsonToken.START_ARRAY) {
                    history = Optional.of(new WorkspaceSchema.History(next(p), next(p), next(p)));
                    start(p, JsonToken.END_ARRAY);
                } else {
                    expect(p, JsonToken.VALUE_NULL);
                }
                start(p, JsonToken.END_OBJECT);
                views.add(new WorkspaceSchema.View(d, live, history));
            }
            start(p, JsonToken.END_OBJECT);
            workspaces.add(new WorkspaceSchema(workspace, wsSchema, role, views));
        }
        start(p, JsonToken.END_OBJECT);
        return new IntentionGraph(platform, schema, streams, workspaces);
    }

    private static void writeStream(JsonGenerator g, BatchStream s) throws IOException {
        g.writeStartObject();
        g.writeStringField("key", s.key());
        g.writeStringField("zone", s.zone());
        g.writeStringField("team", s.team());
        g.writeStringField("datastore", s.datastore());
        g.writeStringField("transactionTopic", s.transactionTopic());
        g.writeBooleanField("multiDataset", s.multiDataset());
        g.writeStringField("milestoning", s.milestoning().yamlName());
        g.writeStringField("schedule", s.schedule().toString());
        g.writeArrayFieldStart("datasets");
        for (IngestedDataset d : s.datasets()) {
            List<Column> columns = d.dataset().schema().columns();
            if (columns.size() != d.columns().size()) {
                throw new IllegalStateException("dataset " + d.datastore() + "." + d.name() + " maps " + d.columns().size() + " of its "
                        + columns.size() + " columns; a graph file holds datasets whose every column is mapped");
            }
            g.writeStartObject();
            g.writeStringField("datastore", d.datastore());
            g.writeStringField("name", d.dataset().name());
            g.writeStringField("documentation", d.dataset().documentation().text());
            g.writeStringField("classification", d.dataset().classification());
            g.writeBooleanField("deprecated", d.dataset().deprecated());
            g.writeStringField("topic", d.topic());
            g.writeStringField("stagingTable", d.stagingTable());
            g.writeStringField("mergeTable", d.mergeTable());
            g.writeArrayFieldStart("columns");
            for (int i = 0; i < columns.size(); i++) {
                Column c = columns.get(i);
                MappedColumn m = d.columns().get(i);
                if (!m.column().equals(c)) {
                    throw new IllegalStateException("dataset " + d.datastore() + "." + d.name() + " maps its columns out of order at "
                            + c.name() + "; a graph file holds them in the dataset's order");
                }
                g.writeStartArray();
                g.writeString(c.name());
                g.writeString(c.type().toString());
                g.writeBoolean(c.nullable());
                g.writeBoolean(c.primaryKey());
                if (c.classification().isPresent()) {
                    g.writeString(c.classification().get());
                } else {
                    g.writeNull();
                }
                g.writeString(m.name());
                g.writeString(m.sqlType());
                g.writeEndArray();
            }
            g.writeEndArray();
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    private static BatchStream readStream(JsonParser p, Map<String, DataType> types) throws IOException {
        expect(p, JsonToken.START_OBJECT);
        String key = string(p, "key");
        String zone = string(p, "zone");
        String team = string(p, "team");
        String datastore = string(p, "datastore");
        String transactionTopic = string(p, "transactionTopic");
        boolean multiDataset = bool(p, "multiDataset");
        Milestoning milestoning = Milestoning.fromYaml(string(p, "milestoning"));
        Duration schedule = Duration.parse(string(p, "schedule"));
        field(p, "datasets");
        start(p, JsonToken.START_ARRAY);
        List<IngestedDataset> datasets = new ArrayList<>();
        while (p.nextToken() != JsonToken.END_ARRAY) {
            expect(p, JsonToken.START_OBJECT);
            String store = string(p, "datastore");
            String name = string(p, "name");
            Documentation documentation = new Documentation(string(p, "documentation"));
            String classification = string(p, "classification");
            boolean deprecated = bool(p, "deprecated");
            String topic = string(p, "topic");
            String staging = string(p, "stagingTable");
            String merge = string(p, "mergeTable");
            field(p, "columns");
            start(p, JsonToken.START_ARRAY);
            List<Column> columns = new ArrayList<>();
            List<MappedColumn> mapped = new ArrayList<>();
            while (p.nextToken() != JsonToken.END_ARRAY) {
                expect(p, JsonToken.START_ARRAY);
                String columnName = next(p);
                DataType type = types.computeIfAbsent(next(p), DataType::parse);
                boolean nullable = nextBool(p);
                boolean primaryKey = nextBool(p);
                Optional<String> columnClassification = p.nextToken() == JsonToken.VALUE_NULL ? Optional.empty() : Optional.of(text(p));
                Column column = new Column(columnName, type, nullable, primaryKey, columnClassification);
                columns.add(column);
                mapped.add(new MappedColumn(column, next(p), next(p)));
                start(p, JsonToken.END_ARRAY);
            }
            start(p, JsonToken.END_OBJECT);
            datasets.add(new IngestedDataset(store, new Dataset(name, documentation, classification, deprecated, new Schema(columns)), topic,
                    staging, merge, mapped));
        }
        start(p, JsonToken.END_OBJECT);
        return new BatchStream(key, zone, team, datastore, transactionTopic, multiDataset, milestoning, schedule, datasets);
    }

    private static void writePlatform(JsonGenerator g, KubernetesPGStarter k) throws IOException {
        g.writeStartObject();
        g.writeStringField("name", k.name());
        g.writeStringField("documentation", k.documentation().text());
        g.writeStringField("namespace", k.namespace());
        g.writeArrayFieldStart("postgres");
        g.writeString(k.postgres().host());
        g.writeNumber(k.postgres().port());
        g.writeString(k.postgres().database());
        g.writeEndArray();
        writeCredential(g, "postgresCredential", k.postgres().credential());
        g.writeStringField("kafka", k.kafka().bootstrapServers());
        g.writeStringField("kafkaConnect", k.kafkaConnect().name());
        writeCredential(g, "kafkaConnectCredential", k.kafkaConnect().credential());
        g.writeStringField("airflow", k.airflow().name());
        writeCredential(g, "airflowCredential", k.airflow().credential());
        g.writeStringField("mergeImage", k.mergeImage());
        writeCredential(g, "gitCredential", k.gitCredential());
        g.writeStringField("slack", k.slack().channel());
        writeCredential(g, "slackCredential", k.slack().credential());
        g.writeStringField("mergeInterval", k.mergeInterval().toString());
        g.writeArrayFieldStart("retention");
        g.writeBoolean(k.retention().archiveStagingRows());
        g.writeBoolean(k.retention().archiveRemovedTables());
        g.writeString(k.retention().unusedTableGracePeriod().toString());
        g.writeEndArray();
        g.writeEndObject();
    }

    private static KubernetesPGStarter readPlatform(JsonParser p) throws IOException {
        start(p, JsonToken.START_OBJECT);
        String name = string(p, "name");
        Documentation documentation = new Documentation(string(p, "documentation"));
        String namespace = string(p, "namespace");
        field(p, "postgres");
        start(p, JsonToken.START_ARRAY);
        String host = next(p);
        start(p, JsonToken.VALUE_NUMBER_INT);
        int port = p.getIntValue();
        String database = next(p);
        start(p, JsonToken.END_ARRAY);
        KubernetesPGStarter.Postgres postgres = new KubernetesPGStarter.Postgres(host, port, database, credential(p, "postgresCredential"));
        KubernetesPGStarter.Kafka kafka = new KubernetesPGStarter.Kafka(string(p, "kafka"));
        KubernetesPGStarter.Service connect = new KubernetesPGStarter.Service(string(p, "kafkaConnect"), credential(p, "kafkaConnectCredential"));
        KubernetesPGStarter.Service airflow = new KubernetesPGStarter.Service(string(p, "airflow"), credential(p, "airflowCredential"));
        String mergeImage = string(p, "mergeImage");
        Credential git = credential(p, "gitCredential");
        KubernetesPGStarter.Slack slack = new KubernetesPGStarter.Slack(string(p, "slack"), credential(p, "slackCredential"));
        Duration mergeInterval = Duration.parse(string(p, "mergeInterval"));
        field(p, "retention");
        start(p, JsonToken.START_ARRAY);
        KubernetesPGStarter.TableRetention retention = new KubernetesPGStarter.TableRetention(nextBool(p), nextBool(p),
                Duration.parse(next(p)));
        start(p, JsonToken.END_ARRAY);
        start(p, JsonToken.END_OBJECT);
        return new KubernetesPGStarter(name, documentation, namespace, postgres, kafka, connect, airflow, mergeImage, git, slack, mergeInterval,
                retention);
    }

    private static void writeCredential(JsonGenerator g, String field, Credential c) throws IOException {
        g.writeArrayFieldStart(field);
        g.writeString(c.name());
        g.writeString(c.kind().yamlName());
        g.writeEndArray();
    }

    private static Credential credential(JsonParser p, String field) throws IOException {
        field(p, field);
        start(p, JsonToken.START_ARRAY);
        Credential c = new Credential(next(p), CredentialKind.fromYaml(next(p)));
        start(p, JsonToken.END_ARRAY);
        return c;
    }

    private static String key(String datastore, String dataset) {
        return datastore + "\u0000" + dataset;
    }

    /** The next token, which must be {@code token}. */
    private static void start(JsonParser p, JsonToken token) throws IOException {
        p.nextToken();
        expect(p, token);
    }

    private static void expect(JsonParser p, JsonToken token) {
        if (p.currentToken() != token) {
            throw new IllegalArgumentException("expected " + token + " but found " + p.currentToken() + " at " + p.currentTokenLocation().offsetDescription());
        }
    }

    private static void field(JsonParser p, String name) throws IOException {
        start(p, JsonToken.FIELD_NAME);
        if (!name.equals(p.currentName())) {
            throw new IllegalArgumentException("expected field '" + name + "' but found '" + p.currentName() + "' at "
                    + p.currentTokenLocation().offsetDescription());
        }
    }

    private static String string(JsonParser p, String name) throws IOException {
        field(p, name);
        return next(p);
    }

    private static boolean bool(JsonParser p, String name) throws IOException {
        field(p, name);
        return nextBool(p);
    }

    private static String next(JsonParser p) throws IOException {
        start(p, JsonToken.VALUE_STRING);
        return p.getText();
    }

    private static String text(JsonParser p) throws IOException {
        expect(p, JsonToken.VALUE_STRING);
        return p.getText();
    }

    private static boolean nextBool(JsonParser p) throws IOException {
        JsonToken t = p.nextToken();
        if (t != JsonToken.VALUE_TRUE && t != JsonToken.VALUE_FALSE) {
            throw new IllegalArgumentException("expected true or false but found " + t + " at " + p.currentTokenLocation().offsetDescription());
        }
        return t == JsonToken.VALUE_TRUE;
    }
}
