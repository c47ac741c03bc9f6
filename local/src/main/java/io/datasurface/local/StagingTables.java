package io.datasurface.local;

import io.datasurface.kpsg.IngestedDataset;
import io.datasurface.kpsg.IntentionGraph;
import io.datasurface.kpsg.PostgresNames;
import io.datasurface.kpsg.TableLayout;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Creates the platform schema and the staging tables the sinks write, in the layout of DESIGN.md
 * section 5 (model columns, all nullable, then ds_seq, ds_op, ds_source_ts, ds_ingested_at). It
 * stands in for the merge-worker's reconcile, which owns these tables on a real platform.
 */
public final class StagingTables {
    private StagingTables() {
    }

    public static void create(LocalPostgres.Database platformDatabase, IntentionGraph graph) throws SQLException {
        List<String> ddl = new ArrayList<>();
        ddl.add("CREATE SCHEMA IF NOT EXISTS " + PostgresNames.quote(graph.schema()));
        graph.datasets().forEach(d -> ddl.add(createTable(graph.schema(), d)));
        platformDatabase.execute(ddl.toArray(String[]::new));
    }

    public static String table(IntentionGraph graph, IngestedDataset d) {
        return PostgresNames.quote(graph.schema()) + "." + PostgresNames.quote(d.stagingTable());
    }

    private static String createTable(String schema, IngestedDataset d) {
        List<String> columns = new ArrayList<>();
        // Nullable, whatever the model says: a delete carries only the key under the default replica identity.
        d.columns().forEach(c -> columns.add(PostgresNames.quote(c.name()) + " " + c.sqlType()));
        columns.add(PostgresNames.quote(TableLayout.SEQ) + " bigserial");
        columns.add(PostgresNames.quote(TableLayout.OP) + " char(1)");
        columns.add(PostgresNames.quote(TableLayout.SOURCE_TS) + " timestamptz");
        columns.add(PostgresNames.quote(TableLayout.INGESTED_AT) + " timestamptz DEFAULT now()");
        return "CREATE TABLE IF NOT EXISTS " + PostgresNames.quote(schema) + "." + PostgresNames.quote(d.stagingTable())
                + " (" + String.join(", ", columns) + ")";
    }
}
