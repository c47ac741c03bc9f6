package io.datasurface.render.connect;

import static java.util.Objects.requireNonNull;

import io.datasurface.kpsg.BatchStream;
import io.datasurface.kpsg.IngestedDataset;
import io.datasurface.kpsg.IntentionGraph;
import io.datasurface.kpsg.MappedColumn;
import io.datasurface.kpsg.PlatformTables;
import io.datasurface.kpsg.TableLayout;
import io.datasurface.model.KubernetesPGStarter;
import io.datasurface.render.KubernetesNames;
import io.datasurface.render.PlatformSecrets;
import io.datasurface.render.RenderRequest;
import io.datasurface.render.RenderedFile;
import io.datasurface.render.SecretKeyRef;
import io.datasurface.render.Templates;
import io.quarkus.qute.Template;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The Kafka Connect sink of every ingested dataset: the Debezium JDBC sink writes each change event
 * of the dataset's topic as a new row of its staging table, deletes included.
 *
 * <p>The Debezium envelope is flattened by ExtractNewRecordState: {@code delete.tombstone.handling.mode=rewrite}
 * turns a delete into a row holding the deleted key (the {@code before} image) and drops the tombstone,
 * {@code add.fields=op,source.ts_ms,transaction.id} adds {@code __op}, {@code __source_ts_ms} and
 * {@code __transaction_id} (null for a snapshot row). ReplaceField drops the {@code __deleted} marker
 * (the op already says it) and renames those fields to {@code ds_op}, {@code ds_source_ts} and
 * {@code ds_tx_id} and model column names to their PostgreSQL names; TimestampConverter turns the
 * epoch milliseconds into a timestamp. The sink appends ({@code insert.mode=insert},
 * {@code delete.enabled=false}, {@code primary.key.mode=none}) and never changes the table
 * ({@code schema.evolution=none}): the merge-worker's reconcile owns it, with {@code ds_seq} and
 * {@code ds_ingested_at} filled by their column defaults.
 *
 * <p>One more sink writes the stores' transaction topics ({@code <topic prefix>.transaction}, where
 * Debezium publishes a BEGIN and an END record per source transaction when the source connector has
 * {@code provide.transaction.metadata=true}) into the platform table {@code ds_transactions}: each
 * record's value as JSON text (StringConverter, then HoistField into {@code ds_record}) and its topic
 * (InsertField into {@code ds_topic}). The text form keeps the END record's per-table event counts,
 * an array of structs that no sink column type holds; the merge-worker reads them with PostgreSQL's
 * JSON operators to consume only source transactions whose changes have all arrived.
 *
 * <p>Secrets never appear: the JSON form reads them from the Connect worker's environment through
 * Kafka's EnvVarConfigProvider ({@code ${env:PG_MAIN_PASSWORD}}), the Terraform form passes them in
 * {@code config_sensitive} from sensitive Terraform variables.
 */
public final class SinkConnectors {
    public static final String CONNECTOR_CLASS = "io.debezium.connector.jdbc.JdbcSinkConnector";

    private SinkConnectors() {
    }

    public record Entry(String key, String value) {
        public Entry {
            requireNonNull(key, "key is null");
            requireNonNull(value, "value is null");
        }
    }

    /** A secret setting: the Terraform variable that carries it and the worker environment variable that holds it. */
    public record Sensitive(String key, String variable, SecretKeyRef secret) {
        public String envPlaceholder() {
            return "${env:" + secret.envVar() + "}";
        }
    }

    public record Connector(String name, String resourceName, String topic, String table, List<Entry> config, List<Sensitive> sensitive) {
        public Connector {
            config = List.copyOf(config);
            sensitive = List.copyOf(sensitive);
        }
    }

    public record Variable(String name, String description, boolean sensitive, String defaultValue) {
        public boolean hasDefault() {
            return defaultValue != null;
        }
    }

    /** The resources are rendered one by one (in parallel) with {@code connect/resource.tf}, then placed in order. */
    public record Terraform(String platform, String apiUser, String tokenVariable, List<Variable> variables, List<String> resources) {
    }

    public static String folder(IntentionGraph graph) {
        return "kafka-connect/" + graph.schema();
    }

    public static String connectorName(IntentionGraph graph, IngestedDataset dataset) {
        return connectorName(graph, dataset.stagingTable());
    }

    private static String connectorName(IntentionGraph graph, String table) {
        return "datasurface." + graph.schema() + "." + table;
    }

    public static List<RenderedFile> render(RenderRequest request) {
        IntentionGraph graph = request.graph();
        List<Connector> connectors = connectors(graph);
        Template json = Templates.get("connect/connector.json");
        List<RenderedFile> files = new ArrayList<>(connectors.parallelStream()
                .map(c -> new RenderedFile(folder(graph) + "/json/" + c.name() + ".json", Templates.render(json, "c", c)))
                .toList());
        files.add(new RenderedFile(folder(graph) + "/terraform/main.tf",
                Templates.render(Templates.get("connect/main.tf"), "tf", terraform(graph, connectors))));
        return files;
    }

    public static List<Connector> connectors(IntentionGraph graph) {
        KubernetesPGStarter platform = graph.platform();
        KubernetesPGStarter.Postgres pg = platform.postgres();
        String jdbcUrl = "jdbc:postgresql://" + pg.host() + ":" + pg.port() + "/" + pg.database();
        List<Sensitive> sensitive = new ArrayList<>();
        for (SecretKeyRef ref : PlatformSecrets.env(pg.credential())) {
            String key = ref.key().equals(PlatformSecrets.USER_KEY) ? "connection.username" : "connection.password";
            sensitive.add(new Sensitive(key, ref.envVar().toLowerCase(Locale.ENGLISH), ref));
        }
        List<Connector> connectors = new ArrayList<>();
        for (IngestedDataset d : graph.datasets()) {
            List<String> renames = new ArrayList<>(List.of("__op:" + TableLayout.OP, "__source_ts_ms:" + TableLayout.SOURCE_TS,
                    "__transaction_id:" + TableLayout.TX_ID));
            for (MappedColumn column : d.columns()) {
                if (!column.name().equals(column.column().name())) {
                    renames.add(column.column().name() + ":" + column.name());
                }
            }
            String name = connectorName(graph, d);
            List<Entry> config = new ArrayList<>(appending(name, d.topic(), jdbcUrl, graph.schema() + "." + d.stagingTable()));
            config.addAll(List.of(
                    new Entry("transforms", "unwrap,rename,sourcets"),
                    new Entry("transforms.unwrap.type", "io.debezium.transforms.ExtractNewRecordState"),
                    new Entry("transforms.unwrap.delete.tombstone.handling.mode", "rewrite"),
                    new Entry("transforms.unwrap.add.fields", "op,source.ts_ms,transaction.id"),
                    new Entry("transforms.rename.type", "org.apache.kafka.connect.transforms.ReplaceField$Value"),
                    new Entry("transforms.rename.exclude", "__deleted"),
                    new Entry("transforms.rename.renames", String.join(",", renames)),
                    new Entry("transforms.sourcets.type", "org.apache.kafka.connect.transforms.TimestampConverter$Value"),
                    new Entry("transforms.sourcets.field", TableLayout.SOURCE_TS),
                    new Entry("transforms.sourcets.target.type", "Timestamp"),
                    new Entry("errors.tolerance", "none")));
            connectors.add(new Connector(name, d.stagingTable(), d.topic(), graph.schema() + "." + d.stagingTable(), config, sensitive));
        }
        List<String> transactionTopics = transactionTopics(graph);
        if (!transactionTopics.isEmpty()) {
            connectors.add(transactions(graph, jdbcUrl, String.join(",", transactionTopics), sensitive));
        }
        return connectors;
    }

    /** The transaction topics of the stores the platform's streams read, in order; the transaction sink reads them all. */
    public static List<String> transactionTopics(IntentionGraph graph) {
        return graph.streams().stream().map(BatchStream::transactionTopic).distinct().sorted().toList();
    }

    /** The name of the sink that writes the stores' transaction records into {@code ds_transactions}. */
    public static String transactionConnectorName(IntentionGraph graph) {
        return connectorName(graph, PlatformTables.TRANSACTIONS.name());
    }

    private static Connector transactions(IntentionGraph graph, String jdbcUrl, String topics, List<Sensitive> sensitive) {
        String table = PlatformTables.TRANSACTIONS.name();
        String name = transactionConnectorName(graph);
        List<Entry> config = new ArrayList<>(appending(name, topics, jdbcUrl, graph.schema() + "." + table));
        config.addAll(List.of(
                new Entry("key.converter", "org.apache.kafka.connect.storage.StringConverter"),
                new Entry("value.converter", "org.apache.kafka.connect.storage.StringConverter"),
                new Entry("transforms", "record,topic"),
                new Entry("transforms.record.type", "org.apache.kafka.connect.transforms.HoistField$Value"),
                new Entry("transforms.record.field", PlatformTables.TX_RECORD),
                new Entry("transforms.topic.type", "org.apache.kafka.connect.transforms.InsertField$Value"),
                new Entry("transforms.topic.topic.field", PlatformTables.TX_TOPIC),
                new Entry("errors.tolerance", "none")));
        return new Connector(name, table, topics, graph.schema() + "." + table, config, sensitive);
    }

    /**
     * What every sink of the platform is: the Debezium JDBC sink appending each record of its topics
     * as a new row of a table that reconcile made and owns.
     */
    private static List<Entry> appending(String name, String topics, String jdbcUrl, String table) {
        return List.of(
                new Entry("name", name),
                new Entry("connector.class", CONNECTOR_CLASS),
                new Entry("tasks.max", "1"),
                new Entry("topics", topics),
                new Entry("connection.url", jdbcUrl),
                new Entry("insert.mode", "insert"),
                new Entry("delete.enabled", "false"),
                new Entry("primary.key.mode", "none"),
                new Entry("schema.evolution", "none"),
                new Entry("quote.identifiers", "true"),
                new Entry("collection.name.format", table));
    }

    private static Terraform terraform(IntentionGraph graph, List<Connector> connectors) {
        KubernetesPGStarter platform = graph.platform();
        String tokenVariable = PlatformSecrets.env(platform.kafkaConnect().credential()).get(0).envVar().toLowerCase(Locale.ENGLISH);
        List<Variable> variables = new ArrayList<>();
        variables.add(new Variable("kafka_connect_url", "Kafka Connect REST endpoint of platform " + platform.name(), false,
                "http://" + KubernetesNames.dnsLabel(platform.kafkaConnect().name(), 63) + "." + platform.namespace() + ".svc:8083"));
        variables.add(new Variable(tokenVariable, "Token of credential " + platform.kafkaConnect().credential().name()
                + " (secret key " + PlatformSecrets.TOKEN_KEY + "), the password of user " + PlatformSecrets.API_USER + " on Kafka Connect's REST API",
                true, null));
        for (SecretKeyRef ref : PlatformSecrets.env(platform.postgres().credential())) {
            variables.add(new Variable(ref.envVar().toLowerCase(Locale.ENGLISH), "Key " + ref.key() + " of secret " + ref.secret()
                    + ": the sinks write staging tables with it", true, null));
        }
        Template resource = Templates.get("connect/resource.tf");
        List<String> resources = connectors.parallelStream().map(c -> Templates.render(resource, "c", c)).toList();
        return new Terraform(platform.name(), PlatformSecrets.API_USER, tokenVariable, variables, resources);
    }
}
