package io.datasurface.kpsg;

import static io.datasurface.kpsg.PlatformTables.BATCH_ID;
import static io.datasurface.kpsg.PlatformTables.JOB_METRICS;
import static io.datasurface.kpsg.PlatformTables.STREAM;
import static io.datasurface.kpsg.PlatformTables.TRANSACTIONS;
import static io.datasurface.kpsg.PlatformTables.TX_ID;
import static io.datasurface.kpsg.PlatformTables.TX_INGESTED_AT;
import static io.datasurface.kpsg.PlatformTables.TX_SEQ;
import static io.datasurface.kpsg.PlatformTables.TX_TOPIC;
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

    /**
     * Creates the platform tables and their indexes in {@code schema}, which must exist, and adds the
     * columns a later release gave a table that already exists.
     */
    public static List<String> create(String schema) {
        List<String> statements = new ArrayList<>();
        for (PlatformTables.Table t : PlatformTables.ALL) {
            statements.add("CREATE TABLE IF NOT EXISTS " + table(schema, t.name()) + " ("
                    + t.columns().stream().map(c -> quote(c.name()) + " " + c.definition()).collect(Collectors.joining(", ")) + ")");
            for (PlatformTables.Column c : t.columns()) {
                if (!c.definition().contains("PRIMARY KEY")) {
                    statements.add("ALTER TABLE " + table(schema, t.name()) + " ADD COLUMN IF NOT EXISTS " + quote(c.name()) + " " + c.definition());
                }
            }
        }
        statements.add("CREATE INDEX IF NOT EXISTS " + quote(JOB_METRICS.name() + "_stream") + " ON " + table(schema, JOB_METRICS.name())
                + " (" + quote(STREAM) + ", " + quote(BATCH_ID) + ")");
        // A batch reads a topic's records after its watermark, looks up late changes' transactions
        // by id, and removes records past their retention: one index each.
        for (List<String> columns : List.of(List.of(TX_TOPIC, TX_SEQ), List.of(TX_TOPIC, TX_ID), List.of(TX_TOPIC, TX_INGESTED_AT))) {
            statements.add("CREATE INDEX IF NOT EXISTS " + quote(TRANSACTIONS.name() + "_" + columns.get(1)) + " ON "
                    + table(schema, TRANSACTIONS.name()) + " (" + columns.stream().map(PostgresNames::quote).collect(Collectors.joining(", ")) + ")");
        }
        return statements;
    }

    /** A platform table's qualified, quoted name. */
    public static String table(String schema, String name) {
        return quote(schema) + "." + quote(name);
    }
}
