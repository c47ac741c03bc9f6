package io.datasurface.kpsg;

import java.util.List;
import java.util.Set;

/**
 * The names of the columns and tables the platform adds to the model's own. The staging layout is
 * the contract with the Kafka Connect sink, which writes the Debezium op and source time into it.
 */
public final class TableLayout {
    /** Arrival order of a change in staging (bigserial). */
    public static final String SEQ = "ds_seq";
    /** The Debezium op: c create, r snapshot read, u update, d delete. */
    public static final String OP = "ds_op";
    /** The source's commit time ({@code source.ts_ms} of the Debezium envelope). */
    public static final String SOURCE_TS = "ds_source_ts";
    /**
     * The source transaction of the change (the Debezium envelope's {@code transaction.id}); null for
     * a snapshot row or a source that publishes no transaction metadata. A batch consumes only whole
     * transactions: see {@link PlatformTables#TRANSACTIONS}.
     */
    public static final String TX_ID = "ds_tx_id";
    /** When the row reached staging. */
    public static final String INGESTED_AT = "ds_ingested_at";
    /** Hash of all non-key columns of a merge row. */
    public static final String ALL_HASH = "ds_all_hash";
    /** The batch that last wrote a merge row. */
    public static final String BATCH_ID = "ds_batch_id";
    /** Milestoned mode: when this version became live. */
    public static final String DP_IN = "dp_in";
    /** Milestoned mode: when this version stopped being live; null while live. */
    public static final String DP_OUT = "dp_out";

    public static final List<String> STAGING_SYSTEM_COLUMNS = List.of(SEQ, OP, SOURCE_TS, TX_ID, INGESTED_AT);
    public static final Set<String> RESERVED_COLUMNS = Set.of(SEQ, OP, SOURCE_TS, TX_ID, INGESTED_AT, ALL_HASH, BATCH_ID, DP_IN, DP_OUT);

    public static final String STAGING_SUFFIX = "_staging";
    public static final String MERGE_SUFFIX = "_merge";
    /** Consumed staging rows, and removed tables, are kept under this suffix when the platform archives them. */
    public static final String ARCHIVE_SUFFIX = "_archive";
    /** The unique index that allows one live version per key in a milestoned merge table. */
    public static final String LIVE_INDEX_SUFFIX = "_live";
    /** The GiST index on a milestoned table's live versions' validity range [dp_in, ∞). */
    public static final String LIVE_VALIDITY_INDEX_SUFFIX = "_live_validity";
    /** The GiST index on a milestoned table's closed versions' validity range [dp_in, dp_out). */
    public static final String CLOSED_VALIDITY_INDEX_SUFFIX = "_closed_validity";
    /** The statistics of a milestoned table's validity ranges, which the planner cannot take from partial indexes. */
    public static final String VALIDITY_STATISTICS_SUFFIX = "_validity";
    /**
     * One GiST index on every version's validity range, live (open above) and closed, as merge tables
     * had it before the two above: GiST keeps open ranges apart from bounded ones, which made every
     * closed version's entry cost about three times a live one's. Reconcile replaces it.
     */
    public static final String SHARED_VALIDITY_INDEX_SUFFIX = "_valid";

    /**
     * The part of a Debezium transaction id that names the transaction, as SQL over {@code idSql}. The
     * PostgreSQL connector's id is {@code <xid>:<lsn>}, and the LSN differs between records of one
     * transaction (the changes and the BEGIN record carry where it began, the END record where it
     * committed): the xid alone matches them.
     */
    public static String transactionKey(String idSql) {
        return "split_part(" + idSql + ", ':', 1)";
    }

    /** The PostgreSQL schema of a platform's tables: its name as an identifier. */
    public static String platformSchema(String platformName) {
        return PostgresNames.identifier(platformName);
    }

    /** Where removed tables of the platform schema are moved when the platform archives them. */
    public static String archiveSchema(String schema) {
        return PostgresNames.fit(schema, ARCHIVE_SUFFIX, schema + ARCHIVE_SUFFIX);
    }

    private TableLayout() {
    }
}
