package io.datasurface.metricsexporter;

import static io.datasurface.kpsg.PlatformTables.*;
import static io.datasurface.kpsg.PostgresNames.quote;
import static java.util.Objects.requireNonNull;

import io.datasurface.kpsg.PlatformTableStatements;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Every SQL statement the exporter sends, for one platform schema: reads only. Identifiers are
 * quoted, values bound ({@code ?}); column names come from the {@link io.datasurface.kpsg.PlatformTables} contract.
 */
public final class MetricsQueries {
    private final String schema;

    public MetricsQueries(String schema) {
        this.schema = requireNonNull(schema, "schema is null");
    }

    /** Bound: schema. Rows: the names of the schema's tables, so that missing ones are not read. */
    public String existingTables() {
        return "SELECT c.relname FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace "
                + "WHERE n.nspname = ? AND c.relkind IN ('r', 'p')";
    }

    /** Bound: schema, table. Rows: the names of the table's columns, so that columns a later release added are read only once there. */
    public String existingColumns() {
        return "SELECT a.attname FROM pg_catalog.pg_attribute a JOIN pg_catalog.pg_class c ON c.oid = a.attrelid "
                + "JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = ? AND c.relname = ? AND a.attnum > 0 AND NOT a.attisdropped";
    }

    /** Bound: the running status (left out: such a row is only visible from a crashed server). Rows: stream, status, runs. */
    public String runsByStatus() {
        return "SELECT " + quote(STREAM) + ", " + quote(STATUS) + ", count(*) FROM " + table(JOB_METRICS.name()) + " WHERE " + quote(STATUS)
                + " <> ? GROUP BY " + quote(STREAM) + ", " + quote(STATUS);
    }

    /**
     * Bound: each bucket bound in milliseconds, then the succeeded status. Rows: stream, staging rows, inserted, updated,
     * deleted, unchanged, released transactions, held transactions of the stream's last succeeded batch, batches, duration
     * sum in milliseconds, then the batches within each bound. A transaction column not in {@code jobMetricsColumns} (a
     * table the merge-worker's reconcile has not completed yet) reads as 0, the default reconcile gives existing rows.
     */
    public String succeededTotals(int buckets, Set<String> jobMetricsColumns) {
        List<String> sums = List.of(STAGING_ROWS, INSERTED, UPDATED, DELETED, UNCHANGED).stream()
                .map(c -> "sum(" + quote(c) + ")::bigint").toList();
        String released = jobMetricsColumns.contains(RELEASED_TRANSACTIONS) ? quote(RELEASED_TRANSACTIONS) : "0";
        String held = jobMetricsColumns.contains(HELD_TRANSACTIONS) ? quote(HELD_TRANSACTIONS) : "0";
        // Runs of one stream never overlap (the merge-worker locks the stream), so the highest batch id is its last batch.
        String lastHeld = "(array_agg(" + held + " ORDER BY " + quote(BATCH_ID) + " DESC))[1]::bigint";
        String within = String.join(", ", Collections.nCopies(buckets, "count(*) FILTER (WHERE " + quote(DURATION_MS) + " <= ?)"));
        return "SELECT " + quote(STREAM) + ", " + String.join(", ", sums) + ", sum(" + released + ")::bigint, " + lastHeld
                + ", count(*), coalesce(sum(" + quote(DURATION_MS) + "), 0)::bigint" + (buckets == 0 ? "" : ", " + within) + " FROM "
                + table(JOB_METRICS.name()) + " WHERE " + quote(STATUS) + " = ? GROUP BY " + quote(STREAM);
    }

    /** Rows: stream, last success time (null when none), consecutive failures. */
    public String streamStates() {
        return "SELECT " + quote(STREAM) + ", " + quote(LAST_SUCCESS_AT) + ", " + quote(CONSECUTIVE_FAILURES) + " FROM " + table(BATCHES.name());
    }

    /** Rows: one, the rows of all the given tables together (staging rows are deleted when a batch consumes them). */
    public String rowCount(List<String> tables) {
        if (tables.isEmpty()) {
            throw new IllegalArgumentException("no tables to count");
        }
        return "SELECT " + tables.stream().map(t -> "(SELECT count(*) FROM " + table(t) + ")").collect(Collectors.joining(" + "));
    }

    private String table(String name) {
        return PlatformTableStatements.table(schema, name);
    }
}
