package io.datasurface.kpsg;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * The platform-wide tables in each platform schema, as a contract: the merge-worker creates and
 * writes them, the metrics exporter and operators read them. Column names and types are defined
 * here once; the closed sets of values are {@link RunStatus}, {@link TableKind} and {@link Removal}.
 */
public final class PlatformTables {
    /** A column: its name and its PostgreSQL definition (type, nullability, default). */
    public record Column(String name, String definition) {
        public Column {
            requireNonNull(name, "name is null");
            requireNonNull(definition, "definition is null");
        }
    }

    public record Table(String name, List<Column> columns) {
        public Table {
            requireNonNull(name, "name is null");
            columns = List.copyOf(columns);
        }
    }

    // ds_job_metrics: one row per merge run, failures included.
    public static final String BATCH_ID = "batch_id";
    public static final String STREAM = "stream";
    public static final String STATUS = "status";
    public static final String BATCH_TIME = "batch_time";
    public static final String STARTED_AT = "started_at";
    public static final String ENDED_AT = "ended_at";
    public static final String DURATION_MS = "duration_ms";
    public static final String STAGING_ROWS = "staging_rows";
    public static final String CONSUMED_MIN_SEQ = "consumed_min_seq";
    public static final String CONSUMED_MAX_SEQ = "consumed_max_seq";
    public static final String INSERTED = "inserted";
    public static final String UPDATED = "updated";
    public static final String DELETED = "deleted";
    public static final String UNCHANGED = "unchanged";
    public static final String FAILURE_COUNT = "failure_count";
    public static final String ERROR_HINT = "error_hint";
    /** Source transactions the batch left in staging because not all of their changes had arrived. */
    public static final String HELD_TRANSACTIONS = "held_transactions";
    /** Incomplete source transactions the batch consumed anyway, once they had waited their limit. */
    public static final String RELEASED_TRANSACTIONS = "released_transactions";

    public static final Table JOB_METRICS = new Table("ds_job_metrics", List.of(
            new Column(BATCH_ID, "bigserial PRIMARY KEY"),
            new Column(STREAM, "text NOT NULL"),
            new Column(STATUS, "text NOT NULL"),
            new Column(BATCH_TIME, "timestamptz NOT NULL"),
            new Column(STARTED_AT, "timestamptz NOT NULL"),
            new Column(ENDED_AT, "timestamptz"),
            new Column(DURATION_MS, "bigint"),
            new Column(STAGING_ROWS, "bigint NOT NULL DEFAULT 0"),
            new Column(CONSUMED_MIN_SEQ, "bigint"),
            new Column(CONSUMED_MAX_SEQ, "bigint"),
            new Column(INSERTED, "bigint NOT NULL DEFAULT 0"),
            new Column(UPDATED, "bigint NOT NULL DEFAULT 0"),
            new Column(DELETED, "bigint NOT NULL DEFAULT 0"),
            new Column(UNCHANGED, "bigint NOT NULL DEFAULT 0"),
            new Column(FAILURE_COUNT, "integer NOT NULL DEFAULT 0"),
            new Column(ERROR_HINT, "text"),
            new Column(HELD_TRANSACTIONS, "bigint NOT NULL DEFAULT 0"),
            new Column(RELEASED_TRANSACTIONS, "bigint NOT NULL DEFAULT 0")));

    // ds_batches: one row per batch-stream, its last run.
    public static final String LAST_BATCH_ID = "last_batch_id";
    public static final String LAST_STATUS = "last_status";
    public static final String LAST_BATCH_TIME = "last_batch_time";
    public static final String LAST_SUCCESS_AT = "last_success_at";
    public static final String CONSECUTIVE_FAILURES = "consecutive_failures";
    /** The {@link #TRANSACTIONS} row up to which the stream has consumed every source transaction. */
    public static final String TRANSACTION_WATERMARK = "transaction_watermark";

    public static final Table BATCHES = new Table("ds_batches", List.of(
            new Column(STREAM, "text PRIMARY KEY"),
            new Column(LAST_BATCH_ID, "bigint NOT NULL"),
            new Column(LAST_STATUS, "text NOT NULL"),
            new Column(LAST_BATCH_TIME, "timestamptz NOT NULL"),
            new Column(LAST_SUCCESS_AT, "timestamptz"),
            new Column(CONSECUTIVE_FAILURES, "integer NOT NULL DEFAULT 0"),
            new Column(TRANSACTION_WATERMARK, "bigint NOT NULL DEFAULT 0")));

    // ds_table_registry: every table DataSurface created, so that nothing else is ever removed.
    public static final String TABLE_NAME = "table_name";
    public static final String KIND = "kind";
    public static final String DATASET = "dataset";
    public static final String CREATED_AT = "created_at";
    public static final String LAST_USED_AT = "last_used_at";
    public static final String REMOVED_AT = "removed_at";
    public static final String REMOVAL = "removal";

    public static final Table TABLE_REGISTRY = new Table("ds_table_registry", List.of(
            new Column(TABLE_NAME, "text PRIMARY KEY"),
            new Column(KIND, "text NOT NULL"),
            new Column(STREAM, "text NOT NULL"),
            new Column(DATASET, "text NOT NULL"),
            new Column(CREATED_AT, "timestamptz NOT NULL"),
            new Column(LAST_USED_AT, "timestamptz NOT NULL"),
            new Column(REMOVED_AT, "timestamptz"),
            new Column(REMOVAL, "text")));

    // ds_transactions: Debezium's transaction records (BEGIN and END) of every captured store, as the sink wrote them.
    public static final String TX_SEQ = "ds_seq";
    /** The topic the record came from: {@code <topic prefix>.transaction} of its store. */
    public static final String TX_TOPIC = "ds_topic";
    /**
     * The Kafka record's value as JSON text, exactly as the source connector wrote it (with or without
     * the schema envelope): {@code status}, {@code id}, {@code event_count} and {@code data_collections}.
     */
    public static final String TX_RECORD = "ds_record";
    public static final String TX_INGESTED_AT = "ds_ingested_at";
    /** The record's {@code status} (BEGIN or END), computed by PostgreSQL from the record. */
    public static final String TX_STATUS = "tx_status";
    /** The record's transaction, {@link TableLayout#transactionKey} of its {@code id}: what changes carry in {@link TableLayout#TX_ID}, keyed the same way. */
    public static final String TX_ID = "tx_id";
    /** The status of the record that closes a transaction and counts its changes. */
    public static final String TX_END = "END";

    private static final String TX_VALUE = "coalesce(" + PostgresNames.quote(TX_RECORD) + "::jsonb -> 'payload', "
            + PostgresNames.quote(TX_RECORD) + "::jsonb)";

    public static final Table TRANSACTIONS = new Table("ds_transactions", List.of(
            new Column(TX_SEQ, "bigserial PRIMARY KEY"),
            new Column(TX_TOPIC, "text NOT NULL"),
            new Column(TX_RECORD, "text NOT NULL"),
            new Column(TX_INGESTED_AT, "timestamptz NOT NULL DEFAULT now()"),
            new Column(TX_STATUS, "text GENERATED ALWAYS AS (" + TX_VALUE + " ->> 'status') STORED"),
            new Column(TX_ID, "text GENERATED ALWAYS AS (" + TableLayout.transactionKey(TX_VALUE + " ->> 'id'") + ") STORED")));

    public static final List<Table> ALL = List.of(JOB_METRICS, BATCHES, TABLE_REGISTRY, TRANSACTIONS);

    private PlatformTables() {
    }
}
