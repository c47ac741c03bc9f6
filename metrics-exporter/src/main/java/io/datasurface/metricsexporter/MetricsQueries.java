package io.datasurface.metricsexporter;

import static io.datasurface.kpsg.PlatformTables.*;
import static io.datasurface.kpsg.PostgresNames.quote;
import static java.util.Objects.requireNonNull;

import io.datasurface.kpsg.PlatformTableStatements;
import java.util.Collections;
import java.util.List;
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

    /** Bound: the running status (left out: such a row is only visible from a crashed server). Rows: stream, status, runs. */
    public String runsByStatus() {
        return "SELECT " + quote(STREAM) + ", " + quote(STATUS) + ", count(*) FROM " + table(JOB_METRICS.name()) + " WHERE " + quote(STATUS)
                + " <> ? GROUP BY " + quote(STREAM) + ", " + quote(STATUS);
    }

    /**
     * Bound: each bucket bound in milliseconds, then the succeeded status. Rows: stream, staging rows, inserted, updated,
     * deleted, unchanged, batches, duration sum in milliseconds, then the batches within each bound.
     */
    public String succeededTotals(int buckets) {
        List<String> sums = List.of(STAGING_ROWS, INSERTED, UPDATED, DELETED, UNCHANGED).stream()
                .map(c -> "sum(" + quote(c) + ")::bigint").toList();
        String within = String.join(", ", Collections.nCopies(buckets, "count(*) FILTER (WHERE " + quote(DURATION_MS) + " <= ?)"));
        return "SELECT " + quote(STREAM) + ", " + String.join(", ", sums) + ", count(*), coalesce(sum(" + quote(DURATION_MS) + "), 0)::bigint"
                + (buckets == 0 ? "" : ", " + within) + " FROM " + table(JOB_METRICS.name()) + " WHERE " + quote(STATUS) + " = ? GROUP BY "
                + quote(STREAM);
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
