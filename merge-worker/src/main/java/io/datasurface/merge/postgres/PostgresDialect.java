package io.datasurface.merge.postgres;

import static io.datasurface.kpsg.PlatformTables.*;
import static io.datasurface.kpsg.PostgresNames.quote;
import static java.util.Objects.requireNonNull;

import io.datasurface.kpsg.IngestedDataset;
import io.datasurface.kpsg.MappedColumn;
import io.datasurface.kpsg.PlatformTableStatements;
import io.datasurface.kpsg.PostgresNames;
import io.datasurface.kpsg.RunStatus;
import io.datasurface.kpsg.TableLayout;
import io.datasurface.kpsg.WorkspaceSchema;
import io.datasurface.model.DataType;
import io.datasurface.model.Milestoning;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

/**
 * Every SQL statement the merge-worker sends, for one platform schema. Identifiers are always
 * quoted, values always bound parameters ({@code ?}). Nothing else in the module builds SQL.
 */
public final class PostgresDialect {
    /**
     * How full a live merge table's pages are written, in percent: a batch that rewrites every row
     * of a page (a backfill at the source, a snapshot sent again with new values) needs room there
     * for a second version of each, so that every rewrite is a HOT update: no new primary-key entry,
     * and the old version pruned without VACUUM. Under half, with room for rows that grow by a tenth.
     * At 60 a third of such rewrites left their page: a million changes into a million narrow rows
     * took 1.68-2.68 floors and wrote 236 MB of WAL, at 45 1.24-1.61 floors and 194 MB (MergeBenchmark,
     * medians of three runs, alternated). Written once, such a table is a third larger than at 60;
     * after that batch, a seventh (the moved rows' pages and their key entries are gone).
     */
    private static final int LIVE_FILLFACTOR = 45;
    /**
     * How full a milestoned merge table's pages are written: a version is rewritten once, when it is
     * closed, and that new version stays on its page so that the close dirties one page, not two; a
     * page of closed versions never uses its free space again, so less is kept free than live.
     */
    private static final int MILESTONED_FILLFACTOR = 60;
    /** The session's temporary sequence that counts the rows a batch leaves unchanged. */
    private static final String UNCHANGED_COUNTER = "ds_unchanged";
    private static final String LIVE_VERSION = quote(TableLayout.DP_OUT) + " IS NULL";
    private static final String CLOSED_VERSION = quote(TableLayout.DP_OUT) + " IS NOT NULL";
    private static final Pattern TIMESTAMP = Pattern.compile("(timestamptz|timestamp)(\\((\\d+)\\))?");
    private static final Map<String, String> SYSTEM_COLUMN_TYPES = Map.of(
            TableLayout.SEQ, "bigint", TableLayout.OP, "character(1)", TableLayout.SOURCE_TS, "timestamp with time zone", TableLayout.TX_ID, "text",
            TableLayout.INGESTED_AT, "timestamp with time zone", TableLayout.BATCH_ID, "bigint",
            TableLayout.DP_IN, "timestamp with time zone", TableLayout.DP_OUT, "timestamp with time zone");

    private final String schema;

    public PostgresDialect(String schema) {
        this.schema = requireNonNull(schema, "schema is null");
    }

    public String schema() {
        return schema;
    }

    /** Where removed tables are moved when the platform archives them. */
    public String archiveSchema() {
        return TableLayout.archiveSchema(schema);
    }

    public String table(String name) {
        return quote(schema) + "." + quote(name);
    }

    // ---- session -------------------------------------------------------------------------------

    /**
     * Settings that make value-to-text conversions the same on every server and session. A batch
     * compares floats as text ({@link #changed}): with extra_float_digits above 0 that text is exact.
     */
    public List<String> sessionSettings() {
        return List.of("SET TimeZone = 'UTC'", "SET extra_float_digits = 1", "SET bytea_output = 'hex'",
                "SET DateStyle = 'ISO, YMD'", "SET IntervalStyle = 'iso_8601'",
                // A batch is one big sort per dataset: sorting a million staged changes in memory
                // takes about 130 MB and is twice as fast as spilling them to disk.
                "SET work_mem = '256MB'", "SET temp_buffers = '256MB'");
    }

    /** Takes the session's advisory lock named by the bound text, or answers false at once; released when the session ends. */
    public String tryAdvisoryLock() {
        return "SELECT pg_try_advisory_lock(hashtextextended(?, 0))";
    }

    /** Releases every session advisory lock of the connection (a merge session holds at most its stream's). */
    public String releaseSessionLocks() {
        return "SELECT pg_advisory_unlock_all()";
    }

    /** Waits for the transaction-scoped advisory lock named by the bound text. */
    public String advisoryLock() {
        return "SELECT pg_advisory_xact_lock(hashtextextended(?, 0))";
    }

    public String streamLockName(String stream) {
        return "datasurface/merge/" + schema + "/" + stream;
    }

    public String ddlLockName() {
        return "datasurface/ddl/" + schema;
    }

    public String transactionTime() {
        return "SELECT now()";
    }

    // ---- catalog -------------------------------------------------------------------------------

    /** Rows: table, column, type as format_type prints it, whether NOT NULL. */
    public String catalogColumns() {
        return "SELECT c.relname, a.attname, format_type(a.atttypid, a.atttypmod), a.attnotnull FROM pg_class c "
                + "JOIN pg_namespace n ON n.oid = c.relnamespace "
                + "JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped "
                + "WHERE n.nspname = ? AND c.relkind IN ('r', 'p') ORDER BY c.relname, a.attnum";
    }

    /** Rows: table, primary key column (one row per column). */
    public String catalogPrimaryKeys() {
        return "SELECT c.relname, a.attname FROM pg_index i JOIN pg_class c ON c.oid = i.indrelid "
                + "JOIN pg_namespace n ON n.oid = c.relnamespace "
                + "JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = ANY (i.indkey) "
                + "WHERE n.nspname = ? AND i.indisprimary";
    }

    /** Rows: table, name of its primary key constraint. */
    public String catalogPrimaryKeyConstraints() {
        return "SELECT c.relname, con.conname FROM pg_constraint con JOIN pg_class c ON c.oid = con.conrelid "
                + "JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = ? AND con.contype = 'p'";
    }

    /** Rows: table, its fillfactor (100, PostgreSQL's default, when none is set). */
    public String catalogFillfactors() {
        return "SELECT c.relname, coalesce((SELECT o.option_value FROM pg_options_to_table(c.reloptions) o WHERE o.option_name = 'fillfactor'), "
                + "'100')::int FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = ? AND c.relkind = 'r'";
    }

    /** Rows: index name, for every index of the schema. */
    public String catalogIndexes() {
        return "SELECT indexname FROM pg_indexes WHERE schemaname = ?";
    }

    public String catalogStatistics() {
        return "SELECT s.stxname FROM pg_statistic_ext s JOIN pg_namespace n ON n.oid = s.stxnamespace WHERE n.nspname = ?";
    }

    public String schemaExists() {
        return "SELECT 1 FROM pg_namespace WHERE nspname = ?";
    }

    /**
     * The type as PostgreSQL's format_type prints it, so a model type can be compared with a
     * catalog type: {@code varchar(10)} is {@code character varying(10)}, and so on.
     */
    public static String canonicalType(String sqlType) {
        Matcher ts = TIMESTAMP.matcher(sqlType);
        if (ts.matches()) {
            String precision = ts.group(2) == null ? "" : ts.group(2);
            return "timestamp" + precision + (ts.group(1).equals("timestamptz") ? " with time zone" : " without time zone");
        }
        if (sqlType.startsWith("varchar(")) {
            return "character varying" + sqlType.substring("varchar".length());
        }
        if (sqlType.startsWith("char(")) {
            return "character" + sqlType.substring("char".length());
        }
        return sqlType;
    }

    /** The catalog type of a system column. */
    public static String systemColumnType(String column) {
        return SYSTEM_COLUMN_TYPES.get(column);
    }

    // ---- DDL -----------------------------------------------------------------------------------

    public String createSchema(String name) {
        return "CREATE SCHEMA IF NOT EXISTS " + quote(name);
    }

    /** Platform-wide tables: batch state, job metrics and the registry of created tables. */
    public List<String> createPlatformTables() {
        return PlatformTableStatements.create(schema);
    }

    public String createStaging(IngestedDataset d) {
        List<String> columns = new ArrayList<>();
        // Every model column is nullable here: a delete event may carry only the key, and a bad
        // row must reach staging so that the batch can name it instead of the sink failing.
        d.columns().forEach(c -> columns.add(quote(c.name()) + " " + c.sqlType()));
        columns.add(quote(TableLayout.SEQ) + " bigserial");
        columns.add(quote(TableLayout.OP) + " char(1)");
        columns.add(quote(TableLayout.SOURCE_TS) + " timestamptz");
        columns.add(quote(TableLayout.TX_ID) + " text");
        columns.add(quote(TableLayout.INGESTED_AT) + " timestamptz DEFAULT now()");
        return "CREATE TABLE " + table(d.stagingTable()) + " (" + String.join(", ", columns) + ")";
    }

    public String addTransactionColumn(String table) {
        return "ALTER TABLE " + table(table) + " ADD COLUMN " + quote(TableLayout.TX_ID) + " text";
    }

    public String createStagingArchive(IngestedDataset d) {
        return "CREATE TABLE " + table(d.stagingArchiveTable()) + " (LIKE " + table(d.stagingTable()) + ", "
                + quote(TableLayout.BATCH_ID) + " bigint NOT NULL)";
    }

    public List<String> createMerge(IngestedDataset d, Milestoning milestoning) {
        List<String> columns = new ArrayList<>();
        for (MappedColumn c : d.columns()) {
            columns.add(quote(c.name()) + " " + c.sqlType() + (c.primaryKey() || !c.nullable() ? " NOT NULL" : ""));
        }
        columns.add(quote(TableLayout.BATCH_ID) + " bigint NOT NULL");
        List<String> key = new ArrayList<>(names(d.keyColumns()));
        if (milestoning == Milestoning.MILESTONED) {
            columns.add(quote(TableLayout.DP_IN) + " timestamptz NOT NULL");
            columns.add(quote(TableLayout.DP_OUT) + " timestamptz");
            key.add(TableLayout.DP_IN);
        }
        columns.add("PRIMARY KEY (" + quoteAll(key) + ")");
        List<String> statements = new ArrayList<>();
        statements.add("CREATE TABLE " + table(d.mergeTable()) + " (" + String.join(", ", columns) + ") WITH (fillfactor = " + fillfactor(milestoning)
                + ")");
        if (milestoning == Milestoning.MILESTONED) {
            statements.add(createLiveIndex(d));
            statements.addAll(createValidityIndexes(d));
        }
        return statements;
    }

    /** How full, in percent, a merge table of that mode has its pages written. */
    public static int fillfactor(Milestoning milestoning) {
        return milestoning == Milestoning.MILESTONED ? MILESTONED_FILLFACTOR : LIVE_FILLFACTOR;
    }

    /**
     * Sets how full new pages of a table are written; pages already written stay as they are until
     * rows move. It takes a lock that lets reads and writes pass.
     */
    public String setFillfactor(String table, int fillfactor) {
        return "ALTER TABLE " + table(table) + " SET (fillfactor = " + fillfactor + ")";
    }

    public String createLiveIndex(IngestedDataset d) {
        return "CREATE UNIQUE INDEX " + quote(d.liveIndex()) + " ON " + table(d.mergeTable()) + " ("
                + quoteAll(names(d.keyColumns())) + ") WHERE " + LIVE_VERSION;
    }

    /** Widens a column in place to the model's type; PostgreSQL casts every value, none is lost. */
    public String alterColumnType(String table, MappedColumn column) {
        return "ALTER TABLE " + table(table) + " ALTER COLUMN " + quote(column.name()) + " TYPE " + column.sqlType();
    }

    public String dropColumn(String table, String column) {
        return "ALTER TABLE " + table(table) + " DROP COLUMN " + quote(column);
    }

    public String dropNotNull(String table, String column) {
        return "ALTER TABLE " + table(table) + " ALTER COLUMN " + quote(column) + " DROP NOT NULL";
    }

    /**
     * Makes a live-only merge table milestoned: every current row becomes the live version of its
     * key from the conversion (the transaction's time), as if each had been merged then; pages are
     * written as full as a milestoned table's from then on.
     */
    public List<String> toMilestoned(IngestedDataset d, String primaryKeyConstraint) {
        List<String> key = new ArrayList<>(names(d.keyColumns()));
        key.add(TableLayout.DP_IN);
        List<String> statements = new ArrayList<>(List.of(
                "ALTER TABLE " + table(d.mergeTable()) + " ADD COLUMN " + quote(TableLayout.DP_IN) + " timestamptz, ADD COLUMN "
                        + quote(TableLayout.DP_OUT) + " timestamptz",
                "UPDATE " + table(d.mergeTable()) + " SET " + quote(TableLayout.DP_IN) + " = now()",
                "ALTER TABLE " + table(d.mergeTable()) + " ALTER COLUMN " + quote(TableLayout.DP_IN) + " SET NOT NULL, DROP CONSTRAINT "
                        + quote(primaryKeyConstraint) + ", ADD PRIMARY KEY (" + quoteAll(key) + ")",
                createLiveIndex(d), setFillfactor(d.mergeTable(), fillfactor(Milestoning.MILESTONED))));
        statements.addAll(createValidityIndexes(d));
        return statements;
    }

    /**
     * Makes a milestoned merge table live-only: the live versions stay; the closed ones are copied
     * to {@code historyArchive} in the archive schema first when one is given, then removed; pages
     * are written as full as a live table's from then on.
     */
    public List<String> toLiveOnly(IngestedDataset d, String primaryKeyConstraint, Optional<String> historyArchive) {
        List<String> statements = new ArrayList<>();
        String closed = " WHERE " + CLOSED_VERSION;
        historyArchive.ifPresent(archive -> {
            statements.add(createSchema(archiveSchema()));
            statements.add("CREATE TABLE " + quote(archiveSchema()) + "." + quote(archive) + " AS SELECT * FROM " + table(d.mergeTable()) + closed);
        });
        statements.add("DELETE FROM " + table(d.mergeTable()) + closed);
        statements.add(dropIndex(d.liveIndex()));
        for (String index : List.of(d.liveValidityIndex(), d.closedValidityIndex())) {
            statements.add("DROP INDEX IF EXISTS " + table(index));
        }
        statements.add("ALTER TABLE " + table(d.mergeTable()) + " DROP CONSTRAINT " + quote(primaryKeyConstraint) + ", DROP COLUMN "
                + quote(TableLayout.DP_IN) + ", DROP COLUMN " + quote(TableLayout.DP_OUT) + ", ADD PRIMARY KEY (" + quoteAll(names(d.keyColumns())) + ")");
        statements.add(setFillfactor(d.mergeTable(), fillfactor(Milestoning.LIVE_ONLY)));
        return statements;
    }

    /**
     * The indexes a read as of a time goes through, one GiST of validity ranges per kind of version,
     * so that neither mixes with the other: PostgreSQL's range GiST never places a bounded range in a
     * subtree that holds an open one without weighing every other subtree first, so with one index of
     * both kinds, as merge tables had before, a closed version's entry cost about three times a live
     * one's. In psql on a milestoned batch of a million changes into a million versions: close 5.3 ->
     * 3.4 s, insert the same 4.7 s. (A b-tree on the live versions' dp_in instead of their GiST makes
     * such a batch a fifth faster again, but not a steady batch of a few thousand changes, and the
     * floor far cheaper: see the issue 15 notes, eighth session.)
     */
    public List<String> createValidityIndexes(IngestedDataset d) {
        return List.of(createLiveValidityIndex(d), createClosedValidityIndex(d), createValidityStatistics(d));
    }

    /**
     * Statistics of the versions' validity ranges: the planner reads none from a partial index, and
     * without them it guessed a read as of a time to match 0.5 % of the versions (11 % in
     * AsOfBenchmark) and combined the validity index with the key's for a read of a few keys (31 ms
     * against 0.6 ms).
     */
    public String createValidityStatistics(IngestedDataset d) {
        return "CREATE STATISTICS " + table(d.validityStatistics()) + " ON (" + validity("") + ") FROM " + table(d.mergeTable());
    }

    public String createLiveValidityIndex(IngestedDataset d) {
        return "CREATE INDEX " + quote(d.liveValidityIndex()) + " ON " + table(d.mergeTable()) + " USING gist (" + validity("") + ") WHERE "
                + LIVE_VERSION;
    }

    public String createClosedValidityIndex(IngestedDataset d) {
        return "CREATE INDEX " + quote(d.closedValidityIndex()) + " ON " + table(d.mergeTable()) + " USING gist (" + validity("") + ") WHERE "
                + CLOSED_VERSION;
    }

    public String dropIndex(String index) {
        return "DROP INDEX " + table(index);
    }

    /** The validity range of a version, as its indexes and the as-of functions write it (so the planner matches them). */
    static String validity(String alias) {
        return "tstzrange(" + alias + quote(TableLayout.DP_IN) + ", " + alias + quote(TableLayout.DP_OUT) + ", '[)')";
    }

    // ---- workspace views -----------------------------------------------------------------------

    /** Rows: schema, view, column, for every view of the bound schemas (a text array), in column order. */
    public String catalogViews() {
        return "SELECT n.nspname, c.relname, a.attname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
                + "JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped "
                + "WHERE n.nspname = ANY (?) AND c.relkind = 'v' ORDER BY n.nspname, c.relname, a.attnum";
    }

    /** Rows: each of the bound schemas (a text array) that exists. */
    public String catalogSchemas() {
        return "SELECT nspname FROM pg_namespace WHERE nspname = ANY (?)";
    }

    /** Rows: each of the bound roles (a text array) that exists. */
    public String catalogRoles() {
        return "SELECT rolname FROM pg_roles WHERE rolname = ANY (?)";
    }

    /** A workspace's schema, readable by its role and by nobody else. */
    public List<String> createWorkspaceSchema(WorkspaceSchema w, boolean roleExists) {
        List<String> statements = new ArrayList<>();
        if (!roleExists) {
            statements.add("CREATE ROLE " + quote(w.role()) + " NOLOGIN");
        }
        statements.add(createSchema(w.schema()));
        statements.add("REVOKE ALL ON SCHEMA " + quote(w.schema()) + " FROM PUBLIC");
        statements.add("GRANT USAGE ON SCHEMA " + quote(w.schema()) + " TO " + quote(w.role()));
        return statements;
    }

    /** The view's columns: the model's, plus dp_in and dp_out for a history view. */
    public static List<String> viewColumns(IngestedDataset d, boolean history) {
        List<String> columns = new ArrayList<>(names(d.columns()));
        if (history) {
            columns.addAll(List.of(TableLayout.DP_IN, TableLayout.DP_OUT));
        }
        return columns;
    }

    /**
     * (Re)creates a dataset's views in a workspace schema and grants them to its role. A view reads
     * the merge table with its owner's rights, so the role needs no right on the merge table. Any
     * previous view (and the functions on it) is dropped first, so a column added in the middle of the
     * model's list lands in the same place in the view.
     */
    public List<String> createViews(WorkspaceSchema w, WorkspaceSchema.View v, boolean milestonedTable) {
        List<String> statements = new ArrayList<>();
        String live = quote(w.schema()) + "." + quote(v.live());
        statements.add("DROP VIEW IF EXISTS " + live + " CASCADE");
        statements.add("CREATE VIEW " + live + " AS SELECT " + quoteAll(viewColumns(v.dataset(), false)) + " FROM " + table(v.dataset().mergeTable())
                + (milestonedTable ? " WHERE " + LIVE_VERSION : ""));
        statements.add("GRANT SELECT ON " + live + " TO " + quote(w.role()));
        v.history().ifPresent(h -> {
            String history = quote(w.schema()) + "." + quote(h.view());
            statements.add("DROP VIEW IF EXISTS " + history + " CASCADE");
            statements.add("CREATE VIEW " + history + " AS SELECT " + quoteAll(viewColumns(v.dataset(), true)) + " FROM "
                    + table(v.dataset().mergeTable()));
            statements.add("GRANT SELECT ON " + history + " TO " + quote(w.role()));
            String asOf = quote(w.schema()) + "." + quote(h.asOfFunction());
            // One branch per kind of version, each in the words of its partial index, so that the planner uses both.
            String asOfBody = "SELECT * FROM " + history + " v WHERE v." + LIVE_VERSION + " AND " + validity("v.") + " @> at UNION ALL SELECT * FROM "
                    + history + " v WHERE v." + CLOSED_VERSION + " AND " + validity("v.") + " @> at";
            statements.add("CREATE FUNCTION " + asOf + "(at timestamptz) RETURNS SETOF " + history + " LANGUAGE sql STABLE AS '"
                    + asOfBody.replace("'", "''") + "'");
            String changes = quote(w.schema()) + "." + quote(h.changesFunction());
            String in = "v." + quote(TableLayout.DP_IN);
            String out = "v." + quote(TableLayout.DP_OUT);
            statements.add("CREATE FUNCTION " + changes + "(since timestamptz, until timestamptz) RETURNS SETOF " + history
                    + " LANGUAGE sql STABLE AS 'SELECT * FROM " + history.replace("'", "''") + " v WHERE (" + in + " > since AND " + in
                    + " <= until) OR (" + out + " > since AND " + out + " <= until)'");
            for (String function : List.of(asOf + "(timestamptz)", changes + "(timestamptz, timestamptz)")) {
                statements.add("REVOKE ALL ON FUNCTION " + function + " FROM PUBLIC");
                statements.add("GRANT EXECUTE ON FUNCTION " + function + " TO " + quote(w.role()));
            }
        });
        return statements;
    }

    public String dropView(String schema, String view) {
        return "DROP VIEW IF EXISTS " + quote(schema) + "." + quote(view) + " CASCADE";
    }

    /** Adds a column the model gained; nullable, because the rows already there have no value for it. */
    public String addColumn(String table, MappedColumn column) {
        return "ALTER TABLE " + table(table) + " ADD COLUMN IF NOT EXISTS " + quote(column.name()) + " " + column.sqlType();
    }

    /** Records a table DataSurface created, so that unused-table removal may later touch it. */
    public String registerTable() {
        return "INSERT INTO " + table(TABLE_REGISTRY.name()) + " (" + quoteAll(List.of(TABLE_NAME, KIND, STREAM, DATASET, CREATED_AT, LAST_USED_AT))
                + ") VALUES (?, ?, ?, ?, now(), now()) ON CONFLICT (" + quote(TABLE_NAME) + ") DO UPDATE SET "
                + assignExcluded(List.of(KIND, STREAM, DATASET, CREATED_AT, LAST_USED_AT)) + ", " + quote(REMOVED_AT) + " = NULL, "
                + quote(REMOVAL) + " = NULL";
    }

    /**
     * Marks the bound tables (a text array) as used now. Only stale marks are rewritten, so a
     * stream merging every few minutes does not update its registry rows every time.
     */
    public String markTablesUsed() {
        return "UPDATE " + table(TABLE_REGISTRY.name()) + " SET " + quote(LAST_USED_AT) + " = now() WHERE " + quote(TABLE_NAME) + " = ANY (?) AND "
                + quote(REMOVED_AT) + " IS NULL AND " + quote(LAST_USED_AT) + " < now() - interval '1 hour'";
    }

    // ---- a merge batch -------------------------------------------------------------------------

    /**
     * The rows of a staging table a batch consumes: all of them, or (when {@code limited}) those
     * before a ds_seq limit, bound where the clause appears; the rest belongs to source transactions
     * not yet complete. A batch reads these rows several times and then removes them, all in one
     * repeatable-read snapshot, so every statement sees exactly the same rows: a row whose insert
     * commits during the batch is in none of them and stays for the next batch. A consumed row that
     * someone else updates or deletes while the batch runs makes its removal fail (a serialization
     * failure): the batch rolls back, nothing is lost, and the next run retries.
     */
    private String consumed(IngestedDataset d, boolean limited) {
        return table(d.stagingTable()) + (limited ? " WHERE " + quote(TableLayout.SEQ) + " < ?" : "");
    }

    /** {@link #consumed} rows that also meet {@code condition}, when it is not null. */
    private String consumed(IngestedDataset d, boolean limited, String condition) {
        return consumed(d, limited) + (condition == null ? "" : (limited ? " AND " : " WHERE ") + condition);
    }

    /**
     * The summary of staging rows as {@link StagingSummary#read} reads it: how many there are, their
     * first and last ds_seq, the first ds_seq of a row the batch cannot merge (null when it can merge
     * them all), and how many rows after the merge table's last key are not creates ({@link
     * #appendInStagingOrder}).
     */
    private String summaryColumns(IngestedDataset d) {
        String seq = quote(TableLayout.SEQ);
        return "count(*), min(" + seq + "), max(" + seq + "), min(" + seq + ") FILTER (WHERE " + badRowCondition(d) + "), count(*) FILTER (WHERE "
                + afterLastKey(d) + " AND " + quote(TableLayout.OP) + " NOT IN ('c', 'r'))";
    }

    /**
     * Rows: the {@link #summaryColumns summary} of the staging rows the batch consumes. One scan, no
     * sort; a batch runs it when the whole-transaction plan limits what it consumes ({@link
     * #stagedTransactions} gives the same of every row otherwise).
     */
    public String stagingSummary(IngestedDataset d, boolean limited) {
        return "SELECT " + summaryColumns(d) + " FROM " + consumed(d, limited);
    }

    /** Rows: why the staging row with the bound ds_seq cannot be merged. */
    public String badRow(IngestedDataset d) {
        return "SELECT " + badRowProblem(d) + " FROM " + table(d.stagingTable()) + " WHERE " + quote(TableLayout.SEQ) + " = ? AND ("
                + badRowCondition(d) + ") LIMIT 1";
    }

    /**
     * The last operation per key of the consumed rows (by ds_seq), of those whose key meets
     * {@code keyCondition} when it is not null, ordered by key: the model's columns and ds_op.
     * Ordered like the merge table's primary key, so that a join along it needs no second sort.
     */
    private String latest(IngestedDataset d, boolean limited, String keyCondition) {
        String keys = quoteAll(names(d.keyColumns()));
        return "SELECT DISTINCT ON (" + keys + ") " + quoteAll(names(d.columns())) + ", " + quote(TableLayout.OP) + " FROM "
                + consumed(d, limited, keyCondition) + " ORDER BY "
                + keys + ", " + quote(TableLayout.SEQ) + " DESC";
    }

    /**
     * Whether a staging row's key sorts at or before the merge table's last key, in its primary key's
     * order: null when the table is empty. Read again by each statement, so it must be read only by
     * statements that do not move the last key past keys they left to another.
     */
    private String atOrBeforeLastKey(IngestedDataset d) {
        String keys = quoteAll(names(d.keyColumns()));
        return "(" + keys + ") <= (" + ofLastKey(d, keys) + ")";
    }

    /** Rows: the merge table's last key in its primary key's order, as text; none when the table is empty. */
    public String lastKey(IngestedDataset d) {
        return ofLastKey(d, "ROW(" + quoteAll(names(d.keyColumns())) + ")::text");
    }

    /** Selects {@code selected} of the merge table's row with the last key, in its primary key's order. */
    private String ofLastKey(IngestedDataset d, String selected) {
        String descending = d.keyColumns().stream().map(k -> quote(k.name()) + " DESC").collect(Collectors.joining(", "));
        return "SELECT " + selected + " FROM " + table(d.mergeTable()) + " ORDER BY " + descending + " LIMIT 1";
    }

    /**
     * Exactly the keys {@link #atOrBeforeLastKey} does not take: those after the merge table's last
     * key, and every key when the table is empty. An append takes these, so that with the statements
     * before it each key is applied once.
     */
    private String afterLastKey(IngestedDataset d) {
        return "(" + atOrBeforeLastKey(d) + ") IS NOT TRUE";
    }

    /**
     * Archives the consumed rows with the batch that consumes them. Bound: the limit when
     * {@code limited}, then the batch id (the rows are selected first, so that the limit comes first
     * here as in every other statement of the batch).
     */
    public String archiveStaging(IngestedDataset d, boolean limited) {
        String columns = quoteAll(stagingColumns(d));
        return "WITH c AS (SELECT " + columns + " FROM " + consumed(d, limited) + ") INSERT INTO " + table(d.stagingArchiveTable()) + " ("
                + columns + ", " + quote(TableLayout.BATCH_ID) + ") SELECT " + columns + ", ? FROM c";
    }

    /**
     * Removes the consumed rows of a staging table the batch could not lock ({@link #lockStaging}),
     * or of which it consumes only a part: exactly the rows of the batch's snapshot.
     */
    public String deleteConsumed(IngestedDataset d, boolean limited) {
        return "DELETE FROM " + consumed(d, limited);
    }

    /**
     * Locks the staging tables against inserts (readers still pass) until the transaction ends.
     * Sent as the transaction's first statement, before anything takes its snapshot: LOCK TABLE
     * takes none, and it waits for every insert in flight to end, so the snapshot taken next sees
     * every row committed to these tables. Tables in name order, so two lockers queue alike.
     */
    public String lockStaging(List<IngestedDataset> datasets) {
        return "LOCK TABLE " + datasets.stream().map(IngestedDataset::stagingTable).sorted().map(this::table)
                .collect(Collectors.joining(", ")) + " IN SHARE ROW EXCLUSIVE MODE";
    }

    /** How long, for the rest of the transaction (or savepoint), a statement waits for a table lock. */
    public String lockTimeout(long millis) {
        return "SET LOCAL lock_timeout = " + millis;
    }

    public String defaultLockTimeout() {
        return "SET LOCAL lock_timeout = DEFAULT";
    }

    /**
     * Empties staging tables consumed whole under {@link #lockStaging}: no insert was in flight when
     * the batch's snapshot was taken and none can start before it ends, so the snapshot holds every
     * row they will have had, without the per-row cost of a DELETE. Transactional: a rollback gives
     * the rows back.
     */
    public String truncate(List<String> tables) {
        return "TRUNCATE " + tables.stream().map(this::table).collect(Collectors.joining(", "));
    }

    /**
     * A null key, an unknown op, or (for anything but a delete) a null in a column the merge table
     * requires. The op is compared once, after the nulls: evaluated for every consumed row, that is
     * a third of a million-row validation of an eight-column table (120 against 80 ms in psql).
     */
    private static String badRowCondition(IngestedDataset d) {
        List<String> conditions = new ArrayList<>();
        for (MappedColumn k : d.keyColumns()) {
            conditions.add(quote(k.name()) + " IS NULL");
        }
        conditions.add(unknownOp());
        List<String> required = d.nonKeyColumns().stream().filter(c -> !c.nullable()).map(c -> quote(c.name()) + " IS NULL").toList();
        if (!required.isEmpty()) {
            conditions.add("((" + String.join(" OR ", required) + ") AND " + quote(TableLayout.OP) + " <> 'd')");
        }
        return String.join(" OR ", conditions);
    }

    private static String badRowProblem(IngestedDataset d) {
        List<String> whens = new ArrayList<>();
        for (MappedColumn k : d.keyColumns()) {
            whens.add("WHEN " + quote(k.name()) + " IS NULL THEN 'key column " + k.name() + " is null'");
        }
        String op = quote(TableLayout.OP);
        whens.add("WHEN " + unknownOp() + " THEN 'unknown op ' || coalesce(quote_literal(" + op + "), 'NULL') || ' (expected c, r, u or d)'");
        for (MappedColumn c : d.nonKeyColumns()) {
            if (!c.nullable()) {
                whens.add("WHEN " + quote(c.name()) + " IS NULL THEN 'column " + c.name() + " is null but the model requires a value'");
            }
        }
        return "CASE " + String.join(" ", whens) + " END";
    }

    private static String unknownOp() {
        String op = quote(TableLayout.OP);
        return "(" + op + " IS NULL OR " + op + " NOT IN ('c', 'r', 'u', 'd'))";
    }

    /**
     * Whether merge table row {@code m} holds other values than kept change {@code l}: their
     * non-key values as row values, IS DISTINCT FROM, so that NULL against a value or against an
     * empty string is a change and two NULLs are not. Exact where a stored hash could collide, and
     * nothing to compute or store per row. Each value compares by its type's equality, as the
     * governance check's widenings need: a numeric ignores trailing zeros (1.50 re-sent as 1.5000
     * after decimal(10,2) became decimal(12,4) is unchanged), a column the model added is NULL on
     * both sides of a re-sent row. Floats and jsonb compare as text instead: their equality holds
     * values equal that a source can change one into the other (-0 and 0; 1.0 and 1.00 in a document).
     */
    static String changed(IngestedDataset d, String m, String l) {
        if (d.nonKeyColumns().isEmpty()) {
            return "false";
        }
        return "ROW(" + compared(d, m) + ") IS DISTINCT FROM ROW(" + compared(d, l) + ")";
    }

    private static String compared(IngestedDataset d, String alias) {
        return d.nonKeyColumns().stream().map(c -> {
            DataType type = c.column().type();
            String value = alias + "." + quote(c.name());
            return type instanceof DataType.FloatType || type instanceof DataType.JsonType ? value + "::text" : value;
        }).collect(Collectors.joining(", "));
    }

    /**
     * For the rest of the batch's transaction, joins the kept changes to a merge table without
     * hashing: the planner costs a hash of the merge table's rows below a merge join along its
     * primary key, but a million changes into a million rows (a hash table of about 100 MB probed
     * at random) measured 3.8 and 4.4 s against 3.1 and 3.7 s for the merge join, in alternate
     * runs on a loaded machine; a small batch joins by index lookups either way.
     */
    public String applyJoins() {
        return "SET LOCAL enable_hashjoin = off";
    }

    /**
     * Live mode: applies the last operation per key of the consumed rows whose key sorts at or before
     * the merge table's last key, in one pass over them joined to the merge table: removes the rows
     * whose last operation is a delete, rewrites the rows whose values changed (an unchanged row is
     * not touched), inserts the keys it does not hold. The changes come straight from staging, sorted
     * by key once, in the order the join along the primary key reads them: nothing is written but the
     * merge table, and the join reads no further than the last of them. {@link #liveAppend} takes the
     * keys after the last one. Bound: the limit when {@code limited}, then the batch id twice. MERGE
     * gives no counts per action before PostgreSQL 17: {@link #tupleCounts()} reads those it wrote,
     * and the rows it left unchanged are counted as it passes them, by {@link #UNCHANGED_COUNTER}.
     */
    public String liveMerge(IngestedDataset d, boolean limited) {
        String op = "l." + quote(TableLayout.OP);
        List<String> sets = new ArrayList<>();
        for (MappedColumn c : d.nonKeyColumns()) {
            sets.add(quote(c.name()) + " = l." + quote(c.name()));
        }
        sets.add(quote(TableLayout.BATCH_ID) + " = ?");
        String latest = latest(d, limited, atOrBeforeLastKey(d));
        return "MERGE INTO " + table(d.mergeTable()) + " m USING (" + latest + ") l ON " + keyJoin(d, "m", "l") + " WHEN MATCHED AND "
                + op + " = 'd' THEN DELETE WHEN MATCHED AND " + op + " <> 'd' AND " + changed(d, "m", "l") + " THEN UPDATE SET "
                + String.join(", ", sets) + " WHEN MATCHED AND nextval(" + unchangedCounter() + ") > 0 THEN DO NOTHING WHEN NOT MATCHED AND " + op
                + " <> 'd' THEN INSERT (" + quoteAll(names(d.columns())) + ", " + quote(TableLayout.BATCH_ID) + ") VALUES ("
                + prefixed("l", names(d.columns())) + ", ?)";
    }

    /**
     * Live mode, after {@link #liveMerge}: inserts the upserted keys that sort after the merge table's
     * last key (every upserted key, when the table is empty), which the table cannot hold, so no
     * join is needed: the new keys of a source whose keys grow, and a first snapshot. The last key
     * read here, after the MERGE, is never later than before it (the MERGE inserted only keys up to
     * it), and every key the MERGE upserted is at or before it now, so each key is applied exactly
     * once. Bound: the limit when {@code limited}, then the batch id.
     */
    public String liveAppend(IngestedDataset d, boolean limited) {
        return appendVersions(d, limited, false);
    }

    /**
     * Creates, for the rest of the session, the counter of the rows a {@link #liveMerge} or a
     * {@link #milestonedClose} leaves unchanged, unless it is there already; a batch creates it once
     * and resets it per dataset. Counting them as the statement passes them spares a live batch a
     * second sort of the consumed rows by key, which took 0.5-0.6 s of a million-change batch of
     * 5.3 s (MergeBenchmark), and tells a milestoned batch whether any upserted key is left without a
     * live version; a temporary sequence writes no WAL and needs no grant.
     */
    public String createUnchangedCounter() {
        return "CREATE TEMPORARY SEQUENCE IF NOT EXISTS " + quote(UNCHANGED_COUNTER);
    }

    /** Sets the unchanged-row counter to zero: its next value is 1. */
    public String resetUnchangedCounter() {
        return "SELECT setval(" + unchangedCounter() + ", 1, false)";
    }

    /** Rows: how many rows the statement since {@link #resetUnchangedCounter()} left unchanged. */
    public String unchangedCount() {
        return "SELECT CASE WHEN is_called THEN last_value ELSE 0 END FROM " + qualifiedUnchangedCounter();
    }

    /** The counter as a text literal, as nextval and setval take it. */
    private static String unchangedCounter() {
        return "'" + qualifiedUnchangedCounter() + "'";
    }

    private static String qualifiedUnchangedCounter() {
        return "pg_temp." + quote(UNCHANGED_COUNTER);
    }

    /**
     * Rows: the tuples this transaction has inserted, updated and deleted in the table named by the
     * bound value (a quoted, qualified name) so far: PostgreSQL's own counts of
     * pg_stat_xact_user_tables, kept while track_counts is on.
     */
    public String tupleCounts() {
        return "SELECT pg_stat_get_xact_tuples_inserted(t.oid), pg_stat_get_xact_tuples_updated(t.oid), pg_stat_get_xact_tuples_deleted(t.oid) "
                + "FROM (SELECT CAST(? AS regclass) AS oid) t";
    }

    /**
     * Milestoned mode: closes the live version of every consumed key at or before the merge table's
     * last key whose last operation is a delete or changes its values, and inserts each changed
     * key's new live version from the row the close returns, so that no key needs looking up again
     * to learn that it changed. The last operations come straight from staging, sorted by key once,
     * in the order the join along the live versions' index reads them. The insert reads the closed
     * rows as they come, so each new version is written as its key's old one is closed, while their
     * index pages are in memory. A live version the close leaves, its key upserted with the same
     * values, is counted as it passes, by the {@link #createUnchangedCounter() unchanged-row
     * counter}. The new versions start when the closed ones end: both are the transaction's time.
     * Bound: the limit when {@code limited}, then the batch id. Rows: versions closed by a change
     * (each with its new version inserted), closed by a delete, and how many of the keys the
     * statement read were upserted: counted over all of them before the join reads the first, so
     * exact however far the join reads; null when nothing was closed ({@link #milestonedUpserts}
     * counts them then).
     */
    public String milestonedClose(IngestedDataset d, boolean limited) {
        String op = quote(TableLayout.OP);
        String upserts = computedColumn(d, "ds_upserts");
        String kept = "SELECT k.*, count(*) FILTER (WHERE k." + op + " <> 'd') OVER (ORDER BY " + prefixed("k", names(d.keyColumns()))
                + " ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) AS " + upserts + " FROM (" + latest(d, limited, atOrBeforeLastKey(d)) + ") k";
        return "WITH closed AS (UPDATE " + table(d.mergeTable()) + " m SET " + quote(TableLayout.DP_OUT) + " = now() FROM (" + kept + ") l WHERE m."
                + LIVE_VERSION + " AND " + keyJoin(d, "m", "l") + " AND (l." + op + " = 'd' OR " + changed(d, "m", "l") + " OR nextval("
                + unchangedCounter() + ") < 0) RETURNING " + prefixed("l", names(d.columns())) + ", l." + op + ", l." + upserts + "), renewed AS ("
                + insertVersions(d, "closed", "", true) + " RETURNING 1) SELECT (SELECT count(*) FROM renewed), (SELECT count(*) FROM closed WHERE "
                + op + " = 'd'), (SELECT max(" + upserts + ") FROM closed)";
    }

    /**
     * Milestoned mode, after a {@link #milestonedClose} that closed nothing: how many of the keys it
     * read were upserted. Bound: the limit when {@code limited}.
     */
    public String milestonedUpserts(IngestedDataset d, boolean limited) {
        return "SELECT count(*) FROM (" + latest(d, limited, atOrBeforeLastKey(d)) + ") l WHERE l." + quote(TableLayout.OP) + " <> 'd'";
    }

    /**
     * Milestoned mode, after {@link #milestonedClose} and before {@link #milestonedAppend}: inserts a
     * live version for every upserted key at or before the merge table's last key that has none, by
     * looking each up: new keys among the old ones, or keys deleted before and upserted again. A
     * batch runs it only when its counts say there are such keys. Bound: the limit when {@code
     * limited}, then the batch id.
     */
    public String milestonedInsert(IngestedDataset d, boolean limited) {
        String withoutLiveVersion = " AND NOT EXISTS (SELECT 1 FROM " + table(d.mergeTable()) + " m WHERE m." + LIVE_VERSION + " AND "
                + keyJoin(d, "m", "l") + ")";
        return "WITH kept AS (" + latest(d, limited, atOrBeforeLastKey(d)) + ") " + insertVersions(d, "kept", withoutLiveVersion, true);
    }

    /**
     * Milestoned mode, last: inserts the live version of every upserted key after the merge table's
     * last key (of every upserted key, when the table is empty), which has no version at all, so
     * no lookup is needed; {@link #liveAppend} explains why each key is applied once. Bound: the
     * limit when {@code limited}, then the batch id.
     */
    public String milestonedAppend(IngestedDataset d, boolean limited) {
        return appendVersions(d, limited, true);
    }

    /** Inserts the upserted keys after the merge table's last key. Bound: the limit when {@code limited}, then the batch id. */
    private String appendVersions(IngestedDataset d, boolean limited, boolean milestoned) {
        return "WITH kept AS (" + latest(d, limited, afterLastKey(d)) + ") " + insertVersions(d, "kept", "", milestoned);
    }

    /**
     * Instead of {@link #liveAppend} or {@link #milestonedAppend}, when every consumed row after the
     * merge table's last key is a create: inserts those rows as staging holds them, without the sort
     * that finds each key's last operation. A key none of them updates or deletes has one operation
     * unless it was created twice (a record delivered twice), which the primary key refuses: the
     * batch then appends sorted instead. Bound: the limit when {@code limited}, then the batch id.
     */
    public String appendInStagingOrder(IngestedDataset d, boolean limited, boolean milestoned) {
        return "WITH kept AS (SELECT " + quoteAll(names(d.columns())) + ", " + quote(TableLayout.OP) + " FROM " + consumed(d, limited, afterLastKey(d))
                + ") " + insertVersions(d, "kept", "", milestoned);
    }

    /**
     * Inserts a row, live from the transaction's time when {@code milestoned}, for each upsert among
     * the rows of {@code source} (the model's columns and ds_op), read as {@code l}, that meet
     * {@code condition} (appended to the WHERE clause). Bound: the batch id.
     */
    private String insertVersions(IngestedDataset d, String source, String condition, boolean milestoned) {
        return "INSERT INTO " + table(d.mergeTable()) + " (" + quoteAll(names(d.columns())) + ", " + quote(TableLayout.BATCH_ID)
                + (milestoned ? ", " + quote(TableLayout.DP_IN) : "") + ") SELECT " + prefixed("l", names(d.columns())) + ", ?"
                + (milestoned ? ", now()" : "") + " FROM " + source + " l WHERE l." + quote(TableLayout.OP) + " <> 'd'" + condition;
    }

    /** A quoted name for a column a statement computes beside the model's columns, unlike any of theirs. */
    private static String computedColumn(IngestedDataset d, String name) {
        List<String> taken = names(d.columns());
        String free = name;
        while (taken.contains(free)) {
            free += "_";
        }
        return quote(free);
    }

    // ---- batch records -------------------------------------------------------------------------

    /** Starts the batch's metrics row; rolled back with the batch. Rows: batch id, batch time. The bound values: stream, started at. */
    public String startBatch() {
        return "INSERT INTO " + table(JOB_METRICS.name()) + " (" + quoteAll(List.of(STREAM, STATUS, BATCH_TIME, STARTED_AT)) + ") VALUES (?, '"
                + RunStatus.RUNNING.value() + "', now(), ?) RETURNING " + quoteAll(List.of(BATCH_ID, BATCH_TIME));
    }

    /** Bound: staging rows, min seq, max seq, inserted, updated, deleted, unchanged, held and released transactions, batch id. */
    public String finishBatch() {
        return "UPDATE " + table(JOB_METRICS.name()) + " SET " + quote(STATUS) + " = '" + RunStatus.SUCCEEDED.value() + "', "
                + quote(ENDED_AT) + " = clock_timestamp(), " + quote(DURATION_MS) + " = " + millisSince(quote(STARTED_AT)) + ", "
                + assignBound(List.of(STAGING_ROWS, CONSUMED_MIN_SEQ, CONSUMED_MAX_SEQ, INSERTED, UPDATED, DELETED, UNCHANGED,
                        HELD_TRANSACTIONS, RELEASED_TRANSACTIONS)) + ", "
                + quote(FAILURE_COUNT) + " = 0 WHERE " + quote(BATCH_ID) + " = ?";
    }

    /** Records a run that did not merge. Bound: stream, status, started at (twice), failure count, hint. Rows: batch id. */
    public String recordRun() {
        return "INSERT INTO " + table(JOB_METRICS.name()) + " ("
                + quoteAll(List.of(STREAM, STATUS, BATCH_TIME, STARTED_AT, ENDED_AT, DURATION_MS, FAILURE_COUNT, ERROR_HINT))
                + ") VALUES (?, ?, now(), ?, clock_timestamp(), " + millisSince("?::timestamptz") + ", ?, ?) RETURNING " + quote(BATCH_ID);
    }

    private static String millisSince(String start) {
        return "(extract(epoch FROM clock_timestamp() - " + start + ") * 1000)::bigint";
    }

    private static String assignBound(List<String> columns) {
        return columns.stream().map(c -> quote(c) + " = ?").collect(Collectors.joining(", "));
    }

    private static String assignExcluded(List<String> columns) {
        return columns.stream().map(c -> quote(c) + " = EXCLUDED." + quote(c)).collect(Collectors.joining(", "));
    }

    /** Rows: consecutive failures of the stream so far. */
    public String consecutiveFailures() {
        return "SELECT " + quote(CONSECUTIVE_FAILURES) + " FROM " + table(BATCHES.name()) + " WHERE " + quote(STREAM) + " = ?";
    }

    /** Bound: stream, batch id, status, consecutive failures. */
    public String recordStreamState() {
        return "INSERT INTO " + table(BATCHES.name()) + " ("
                + quoteAll(List.of(STREAM, LAST_BATCH_ID, LAST_STATUS, LAST_BATCH_TIME, LAST_SUCCESS_AT, CONSECUTIVE_FAILURES))
                + ") VALUES (?, ?, ?, now(), CASE WHEN ?::int = 0 THEN now() END, ?) ON CONFLICT (" + quote(STREAM) + ") DO UPDATE SET "
                + assignExcluded(List.of(LAST_BATCH_ID, LAST_STATUS, LAST_BATCH_TIME)) + ", " + quote(LAST_SUCCESS_AT) + " = coalesce(EXCLUDED."
                + quote(LAST_SUCCESS_AT) + ", " + table(BATCHES.name()) + "." + quote(LAST_SUCCESS_AT) + "), " + assignExcluded(List.of(CONSECUTIVE_FAILURES));
    }

    // ---- whole source transactions -------------------------------------------------------------

    /** Bound: stream. Rows: the {@code ds_transactions} row up to which the stream consumed every transaction. */
    public String transactionWatermark() {
        return "SELECT " + quote(TRANSACTION_WATERMARK) + " FROM " + table(BATCHES.name()) + " WHERE " + quote(STREAM) + " = ?";
    }

    /** Bound: watermark, stream; the stream's row exists (the batch recorded its state first). */
    public String advanceTransactionWatermark() {
        return "UPDATE " + table(BATCHES.name()) + " SET " + quote(TRANSACTION_WATERMARK) + " = ? WHERE " + quote(STREAM) + " = ?";
    }

    /**
     * The rows of a staging table by source transaction, with the rows that have none as one group
     * whose id is null: transaction id, milliseconds since the first arrived, then the group's
     * {@link #summaryColumns summary} (its changes and first ds_seq among them). One scan serves the
     * whole-transaction plan and, when the plan sets no limit, the validation.
     */
    public String stagedTransactions(IngestedDataset d) {
        return "SELECT " + TableLayout.transactionKey(quote(TableLayout.TX_ID)) + ", " + millisSince("min(" + quote(TableLayout.INGESTED_AT) + ")")
                + ", " + summaryColumns(d) + " FROM " + table(d.stagingTable()) + " GROUP BY 1";
    }

    /**
     * Bound: transaction topic, watermark. Rows, in commit order, one per data collection an END
     * record counts (one with nulls when it counts none): record seq, transaction id, milliseconds
     * since the record arrived, data collection, changes to it.
     */
    public String transactionEnds() {
        String value = "coalesce(t." + quote(TX_RECORD) + "::jsonb -> 'payload', t." + quote(TX_RECORD) + "::jsonb)";
        return "SELECT t." + quote(TX_SEQ) + ", t." + quote(TX_ID) + ", " + millisSince("t." + quote(TX_INGESTED_AT))
                + ", dc ->> 'data_collection', (dc ->> 'event_count')::bigint FROM " + table(TRANSACTIONS.name()) + " t"
                + " CROSS JOIN LATERAL (SELECT " + value + " -> 'data_collections' AS dcs) r"
                + " LEFT JOIN LATERAL jsonb_array_elements(CASE WHEN jsonb_typeof(r.dcs) = 'array' THEN r.dcs ELSE '[]'::jsonb END) dc ON true"
                + " WHERE t." + quote(TX_TOPIC) + " = ? AND t." + quote(TX_SEQ) + " > ? AND t." + quote(TX_STATUS) + " = '" + TX_END + "'"
                + " ORDER BY t." + quote(TX_SEQ);
    }

    /** Bound: transaction topic, watermark, transaction ids. Rows: those of the ids whose END is at or before the watermark. */
    public String transactionsConsumedBefore() {
        return "SELECT DISTINCT " + quote(TX_ID) + " FROM " + table(TRANSACTIONS.name()) + " WHERE " + quote(TX_TOPIC) + " = ? AND "
                + quote(TX_SEQ) + " <= ? AND " + quote(TX_STATUS) + " = '" + TX_END + "' AND " + quote(TX_ID) + " = ANY (?)";
    }

    /**
     * Bound: transaction topic, retention in seconds. Removes the topic's records older than the
     * retention; rows another batch is removing at the same moment are left to it.
     */
    public String pruneTransactions() {
        return "DELETE FROM " + table(TRANSACTIONS.name()) + " WHERE " + quote(TX_SEQ) + " IN (SELECT " + quote(TX_SEQ) + " FROM "
                + table(TRANSACTIONS.name()) + " WHERE " + quote(TX_TOPIC) + " = ? AND " + quote(TX_INGESTED_AT)
                + " < now() - make_interval(secs => ?) FOR UPDATE SKIP LOCKED)";
    }

    // ---- unused tables -------------------------------------------------------------------------

    /** Rows: table name, kind, stream, dataset, last used at, whether the table still exists. */
    public String registeredTables() {
        return "SELECT " + quoteAll(List.of(TABLE_NAME, KIND, STREAM, DATASET, LAST_USED_AT)) + ", to_regclass(quote_ident(?) || '.' || quote_ident("
                + quote(TABLE_NAME) + ")) IS NOT NULL FROM " + table(TABLE_REGISTRY.name()) + " WHERE " + quote(REMOVED_AT) + " IS NULL ORDER BY "
                + quote(TABLE_NAME);
    }

    /** Rows: whether the registry table exists (bound: schema). */
    public String registryExists() {
        return "SELECT to_regclass(quote_ident(?) || '." + TABLE_REGISTRY.name() + "') IS NOT NULL";
    }

    /**
     * Drops an unused table with whatever still reads it: only the views of workspaces that no longer
     * consume it can (a consumed dataset's tables are never unused).
     */
    public String dropTable(String name) {
        return "DROP TABLE " + table(name) + " CASCADE";
    }

    /**
     * Moves a table into the archive schema under a name of its own (a table of the same name may
     * have been archived before): rename first, while the name is unique in this schema.
     */
    public List<String> moveToArchive(String name, String archivedName) {
        return List.of("ALTER TABLE " + table(name) + " RENAME TO " + quote(archivedName),
                "ALTER TABLE " + table(archivedName) + " SET SCHEMA " + quote(archiveSchema()));
    }

    /** Bound: removal ({@link io.datasurface.kpsg.Removal#value()}), table name. */
    public String recordRemoval() {
        return "UPDATE " + table(TABLE_REGISTRY.name()) + " SET " + quote(REMOVED_AT) + " = now(), " + quote(REMOVAL) + " = ? WHERE "
                + quote(TABLE_NAME) + " = ?";
    }

    // ---- errors --------------------------------------------------------------------------------

    /**
     * The server's message and SQLSTATE without its detail, which may quote row values (and so
     * personal data) that have no place in a log or an event.
     */
    public static String describe(SQLException e) {
        if (e instanceof PSQLException p && p.getServerErrorMessage() != null) {
            ServerErrorMessage m = p.getServerErrorMessage();
            return m.getMessage() + " (SQLSTATE " + m.getSQLState() + ")";
        }
        return e.getMessage() + (e.getSQLState() == null ? "" : " (SQLSTATE " + e.getSQLState() + ")");
    }

    // ---- helpers -------------------------------------------------------------------------------

    public static List<String> stagingColumns(IngestedDataset d) {
        List<String> columns = new ArrayList<>(names(d.columns()));
        columns.addAll(TableLayout.STAGING_SYSTEM_COLUMNS);
        return columns;
    }

    private static List<String> names(List<MappedColumn> columns) {
        return columns.stream().map(MappedColumn::name).toList();
    }

    private static String quoteAll(List<String> names) {
        return names.stream().map(PostgresNames::quote).collect(Collectors.joining(", "));
    }

    private static String prefixed(String alias, List<String> names) {
        return names.stream().map(n -> alias + "." + quote(n)).collect(Collectors.joining(", "));
    }

    private static String keyJoin(IngestedDataset d, String left, String right) {
        Function<MappedColumn, String> eq = k -> left + "." + quote(k.name()) + " = " + right + "." + quote(k.name());
        return d.keyColumns().stream().map(eq).collect(Collectors.joining(" AND "));
    }
}
