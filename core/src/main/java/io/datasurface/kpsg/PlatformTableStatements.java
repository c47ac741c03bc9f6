package io.datasurface.kpsg;

import static io.datasurface.kpsg.PlatformTables.BATCH_ID;
import static io.datasurface.kpsg.PlatformTables.JOB_METRICS;
import static io.datasurface.kpsg.PlatformTables.STREAM;
import static io.datasurface.kpsg.PostgresNames.quote;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The DDL of the {@link PlatformTables} in one platform schema, so that whoever needs the tables
 * (the merge-worker's reconcile, a reader's tests) creates exactly the same ones. Statements are
 * idempotent ({@code IF NOT EXISTS}).
 */
public final class PlatformTableStatements {
    private PlatformTableStatements() {
    }

    /** Creates the platform tables and the metrics table's per-stream index in {@code schema}, which must exist. */
    public static List<String> create(String schema) {
        List<String> statements = new ArrayList<>();
        for (PlatformTables.Table t : PlatformTables.ALL) {
            statements.add("CREATE TABLE IF NOT EXISTS " + table(schema, t.name()) + " ("
                    + t.columns().stream().map(c -> quote(c.name()) + " " + c.definition()).collect(Collectors.joining(", ")) + ")");
        }
        statements.add("CREATE INDEX IF NOT EXISTS " + quote(JOB_METRICS.name() + "_stream") + " ON " + table(schema, JOB_METRICS.name())
                + " (" + quote(STREAM) + ", " + quote(BATCH_ID) + ")");
        return statements;
    }

    /** A platform table's qualified, quoted name. */
    public static String table(String schema, String name) {
        return quote(schema) + "." + quote(name);
    }
}
