package io.datasurface.local;

import static java.util.Objects.requireNonNull;

import io.datasurface.kpsg.IngestedDataset;
import io.datasurface.kpsg.IntentionGraph;
import io.datasurface.kpsg.MappedColumn;
import io.datasurface.kpsg.PostgresNames;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The source systems of a platform: for each datastore of its intention graph one database, named
 * after the datastore, with one table per ingested dataset as the producing team would have it
 * (model table and column names, the mapped column types, the key as primary key), and the
 * Debezium PostgreSQL source connector that publishes each table's changes to exactly the topic
 * the model names for the dataset.
 */
public final class SourceDatabases {
    /** Debezium's own connector class; the platform renders only sinks, so the source is configured here. */
    public static final String CONNECTOR_CLASS = "io.debezium.connector.postgresql.PostgresConnector";
    private static final String SCHEMA = "public";

    /** One datastore's database, its tables and the topic prefix its datasets share. */
    public record Source(String datastore, LocalPostgres.Database database, String topicPrefix, List<IngestedDataset> datasets) {
        public Source {
            requireNonNull(datastore, "datastore is null");
            requireNonNull(database, "database is null");
            requireNonNull(topicPrefix, "topicPrefix is null");
            datasets = List.copyOf(requireNonNull(datasets, "datasets is null"));
        }

        public String connectorName() {
            return "datasurface.source." + database.name();
        }

        /** The dataset of this name, as its source table is named. */
        public IngestedDataset dataset(String name) {
            return datasets.stream().filter(d -> d.name().equals(name)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("datastore " + datastore + " has no ingested dataset " + name));
        }
    }

    private final List<Source> sources;

    private SourceDatabases(List<Source> sources) {
        this.sources = List.copyOf(sources);
    }

    /** Creates a database per datastore of the graph on {@code postgres}, with its tables. */
    public static SourceDatabases create(LocalPostgres postgres, IntentionGraph graph) throws SQLException {
        Map<String, List<IngestedDataset>> byStore = new LinkedHashMap<>();
        graph.datasets().forEach(d -> byStore.computeIfAbsent(d.datastore(), s -> new ArrayList<>()).add(d));
        List<Source> sources = new ArrayList<>();
        for (Map.Entry<String, List<IngestedDataset>> store : byStore.entrySet()) {
            String databaseName = PostgresNames.identifier(store.getKey());
            if (databaseName.equals(graph.platform().postgres().database())) {
                throw new IllegalArgumentException("datastore " + store.getKey() + " would share the platform's database " + databaseName);
            }
            LocalPostgres.Database database = postgres.createDatabase(databaseName);
            List<String> ddl = new ArrayList<>();
            for (IngestedDataset d : store.getValue()) {
                ddl.add(createTable(d));
                // Debezium sends the whole old row with an update or delete only under FULL identity.
                ddl.add("ALTER TABLE " + table(d) + " REPLICA IDENTITY FULL");
            }
            database.execute(ddl.toArray(String[]::new));
            sources.add(new Source(store.getKey(), database, topicPrefix(store.getValue()), store.getValue()));
        }
        return new SourceDatabases(sources);
    }

    public List<Source> sources() {
        return sources;
    }

    public Source source(String datastore) {
        return find(datastore).orElseThrow(() -> new IllegalArgumentException("no source database for datastore " + datastore));
    }

    public Optional<Source> find(String datastore) {
        return sources.stream().filter(s -> s.datastore().equals(datastore)).findFirst();
    }

    /** The source table of a dataset, quoted, for SQL against its datastore's database. */
    public static String table(IngestedDataset d) {
        return PostgresNames.quote(SCHEMA) + "." + PostgresNames.quote(d.name());
    }

    /**
     * The Debezium source connector of a datastore: a snapshot of every table first, then each
     * committed change as it happens. Types are sent so that the JDBC sink writes them back exactly:
     * decimals as decimals ({@code string} would make the sink bind text to numeric), bytes as
     * bytes, times to the microsecond. Debezium names topics {@code <prefix>.<schema>.<table>}; the
     * model names them {@code <prefix>.<dataset>}, so a RegexRouter drops the schema.
     */
    public static Map<String, String> connectorConfig(Source source) {
        LocalPostgres.Database db = source.database();
        List<String> tables = source.datasets().stream().map(d -> literal(SCHEMA + "." + d.name())).toList();
        Map<String, String> config = new LinkedHashMap<>();
        config.put("name", source.connectorName());
        config.put("connector.class", CONNECTOR_CLASS);
        config.put("tasks.max", "1");
        config.put("database.hostname", db.host());
        config.put("database.port", Integer.toString(db.port()));
        config.put("database.user", db.user());
        config.put("database.password", db.password());
        config.put("database.dbname", db.name());
        config.put("topic.prefix", source.topicPrefix());
        config.put("plugin.name", "pgoutput");
        // The slot outlives a worker restart, so changes made while Connect is down are kept for it.
        config.put("slot.name", PostgresNames.fit(db.name(), "_slot", db.name() + "_slot"));
        config.put("publication.name", PostgresNames.fit(db.name(), "_pub", db.name() + "_pub"));
        config.put("publication.autocreate.mode", "filtered");
        config.put("table.include.list", String.join(",", tables));
        config.put("snapshot.mode", "initial");
        config.put("poll.interval.ms", "20");
        config.put("provide.transaction.metadata", "true");
        config.put("decimal.handling.mode", "precise");
        config.put("binary.handling.mode", "bytes");
        config.put("time.precision.mode", "adaptive");
        config.put("topic.creation.default.replication.factor", "1");
        config.put("topic.creation.default.partitions", "1");
        config.put("transforms", "topic");
        config.put("transforms.topic.type", "org.apache.kafka.connect.transforms.RegexRouter");
        config.put("transforms.topic.regex", Pattern.quote(source.topicPrefix() + "." + SCHEMA + ".") + "(.+)");
        config.put("transforms.topic.replacement", Matcher.quoteReplacement(source.topicPrefix() + ".") + "$1");
        return config;
    }

    private static String createTable(IngestedDataset d) {
        List<String> columns = new ArrayList<>();
        for (MappedColumn c : d.columns()) {
            columns.add(PostgresNames.quote(c.column().name()) + " " + c.sqlType() + (c.nullable() ? "" : " NOT NULL"));
        }
        String key = String.join(", ", d.keyColumns().stream().map(c -> PostgresNames.quote(c.column().name())).toList());
        return "CREATE TABLE " + table(d) + " (" + String.join(", ", columns) + ", PRIMARY KEY (" + key + "))";
    }

    /**
     * The graph keeps each dataset's topic ({@code <topicPrefix>.<dataset>}), not the prefix; the
     * prefix is what is left when the dataset name is taken off, and a datastore has one.
     */
    private static String topicPrefix(List<IngestedDataset> datasets) {
        List<String> prefixes = datasets.stream().map(d -> {
            String suffix = "." + d.name();
            if (!d.topic().endsWith(suffix)) {
                throw new IllegalArgumentException("topic " + d.topic() + " of dataset " + d.name() + " is not <prefix>" + suffix);
            }
            return d.topic().substring(0, d.topic().length() - suffix.length());
        }).distinct().toList();
        if (prefixes.size() != 1) {
            throw new IllegalArgumentException("the datasets of datastore " + datasets.get(0).datastore() + " have topic prefixes " + prefixes);
        }
        return prefixes.get(0);
    }

    /** A Debezium include-list entry matching exactly this name: a regex, with commas separating entries. */
    private static String literal(String name) {
        StringBuilder out = new StringBuilder();
        for (char c : name.toCharArray()) {
            out.append(Character.isLetterOrDigit(c) || c == '_' ? "" : "\\").append(c);
        }
        return out.toString();
    }
}
