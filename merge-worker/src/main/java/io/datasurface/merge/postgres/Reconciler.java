package io.datasurface.merge.postgres;

import static java.util.Objects.requireNonNull;

import io.datasurface.governance.TypePromotion;
import io.datasurface.kpsg.BatchStream;
import io.datasurface.kpsg.IngestedDataset;
import io.datasurface.kpsg.MappedColumn;
import io.datasurface.kpsg.PlatformTables;
import io.datasurface.kpsg.PostgresNames;
import io.datasurface.kpsg.PostgresTypes;
import io.datasurface.kpsg.TableKind;
import io.datasurface.kpsg.TableLayout;
import io.datasurface.kpsg.WorkspaceSchema;
import io.datasurface.kpsg.WorkspaceSchemas;
import io.datasurface.model.KubernetesPGStarter;
import io.datasurface.model.Milestoning;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Makes the platform's tables match the intention graph: creates what is missing, adds columns the
 * model gained (nullable: the rows already there have no value), and reports, without touching
 * the table, what cannot be changed safely: a changed type, a missing primary key, a changed
 * milestoning mode. Runs inside the caller's transaction.
 */
public final class Reconciler {

    /** Something that keeps a table from matching the model; the message says what to do. */
    public record TableMismatch(String table, String message) {
        public TableMismatch {
            requireNonNull(table, "table is null");
            requireNonNull(message, "message is null");
        }

        @Override
        public String toString() {
            return table + ": " + message;
        }
    }

    /** What reconcile did (or, in a failed batch, would have done) and what it could not do. */
    public record Report(List<String> actions, List<TableMismatch> problems) {
        public Report {
            actions = List.copyOf(requireNonNull(actions, "actions is null"));
            problems = List.copyOf(requireNonNull(problems, "problems is null"));
        }

        public boolean ok() {
            return problems.isEmpty();
        }
    }

    private record ExistingColumn(String type, boolean notNull) {
    }

    private record Registration(String table, TableKind kind, String stream, String dataset) {
    }

    private record Action(String description, List<String> statements, Registration registration) {
    }

    private record Catalog(boolean schemaExists, Map<String, Map<String, ExistingColumn>> tables, Map<String, Set<String>> primaryKeys,
            Map<String, String> primaryKeyConstraints, Map<String, Integer> fillfactors, Set<String> indexes, Set<String> statistics,
            Map<String, Map<String, List<String>>> views, Set<String> roles) {
    }

    private final Connection connection;
    private final PostgresDialect sql;
    private final boolean archiveStagingRows;
    private final boolean archiveHistory;
    private final Clock clock;
    private final List<WorkspaceSchema> workspaces;
    private boolean ddlLocked;

    /**
     * @param retention whether consumed staging rows are kept, and whether the history of a merge table that stops
     *     being milestoned is archived (as removed tables are) rather than dropped
     */
    public Reconciler(Connection connection, PostgresDialect sql, KubernetesPGStarter.TableRetention retention, Clock clock) {
        this(connection, sql, retention, clock, List.of());
    }

    /** @param workspaces every workspace schema of the platform; the views of the reconciled streams' datasets are kept in them */
    public Reconciler(Connection connection, PostgresDialect sql, KubernetesPGStarter.TableRetention retention, Clock clock,
            List<WorkspaceSchema> workspaces) {
        this.workspaces = List.copyOf(workspaces);
        this.connection = requireNonNull(connection, "connection is null");
        this.sql = requireNonNull(sql, "sql is null");
        this.archiveStagingRows = retention.archiveStagingRows();
        this.archiveHistory = retention.archiveRemovedTables();
        this.clock = requireNonNull(clock, "clock is null");
    }

    public Report reconcile(List<BatchStream> streams) throws SQLException {
        List<TableMismatch> problems = new ArrayList<>();
        List<Action> actions = plan(loadCatalog(), streams, problems);
        if (!actions.isEmpty() && !ddlLocked) {
            // Two first runs of different streams must not both create the platform tables: take
            // the schema's DDL lock, then plan again on what the other may have created meanwhile.
            try (PreparedStatement lock = connection.prepareStatement(sql.advisoryLock())) {
                lock.setString(1, sql.ddlLockName());
                lock.execute();
            }
            ddlLocked = true;
            problems.clear();
            actions = plan(loadCatalog(), streams, problems);
        }
        List<String> done = new ArrayList<>();
        try (Statement s = connection.createStatement()) {
            for (Action action : actions) {
                for (String statement : action.statements()) {
                    s.execute(statement);
                }
                if (action.registration() != null) {
                    register(action.registration());
                }
                if (action.description() != null) {
                    done.add(action.description());
                }
            }
        }
        markUsed(connection, sql, streams.stream().flatMap(st -> st.datasets().stream()).toList());
        return new Report(done, problems);
    }

    /**
     * Notes that the graph still uses the datasets' tables, so that unused-table removal counts
     * its grace period from when a table left the graph, even if no batch ran for a while.
     */
    static void markUsed(Connection connection, PostgresDialect sql, List<IngestedDataset> datasets) throws SQLException {
        List<String> tables = new ArrayList<>();
        for (IngestedDataset d : datasets) {
            tables.addAll(List.of(d.stagingTable(), d.mergeTable(), d.stagingArchiveTable()));
        }
        try (PreparedStatement p = connection.prepareStatement(sql.markTablesUsed())) {
            p.setArray(1, connection.createArrayOf("text", tables.toArray()));
            p.executeUpdate();
        }
    }

    private void register(Registration r) throws SQLException {
        try (PreparedStatement p = connection.prepareStatement(sql.registerTable())) {
            p.setString(1, r.table());
            p.setString(2, r.kind().value());
            p.setString(3, r.stream());
            p.setString(4, r.dataset());
            p.executeUpdate();
        }
    }

    private List<Action> plan(Catalog catalog, List<BatchStream> streams, List<TableMismatch> problems) {
        List<Action> actions = new ArrayList<>();
        String schema = sql.schema();
        if (!catalog.schemaExists()) {
            actions.add(new Action("created schema " + schema, List.of(sql.createSchema(schema)), null));
        }
        List<String> outdated = PlatformTables.ALL.stream().filter(t -> !catalog.tables().containsKey(t.name())
                || !catalog.tables().get(t.name()).keySet().containsAll(t.columns().stream().map(PlatformTables.Column::name).toList()))
                .map(PlatformTables.Table::name).toList();
        if (!outdated.isEmpty()) {
            actions.add(new Action("created or completed the platform tables " + String.join(", ", outdated) + " in " + schema,
                    sql.createPlatformTables(), null));
        }
        Set<IngestedDataset> altered = new HashSet<>();
        for (BatchStream stream : streams) {
            for (IngestedDataset d : stream.datasets()) {
                int before = actions.size();
                String dataset = d.datastore() + "." + d.name();
                planStaging(catalog, stream, d, dataset, actions, problems);
                planMerge(catalog, stream, d, dataset, actions, problems);
                if (archiveStagingRows) {
                    String archive = d.stagingArchiveTable();
                    Map<String, ExistingColumn> existing = catalog.tables().get(archive);
                    if (existing == null) {
                        actions.add(new Action("created table " + schema + "." + archive, List.of(sql.createStagingArchive(d)),
                                new Registration(archive, TableKind.STAGING_ARCHIVE, stream.key(), dataset)));
                    } else {
                        addTransactionColumn(archive, existing, actions);
                        checkColumns(archive, existing, d.columns(), List.of(TableLayout.SEQ, TableLayout.OP, TableLayout.BATCH_ID), actions, problems);
                    }
                }
                if (actions.size() > before) {
                    altered.add(d);
                }
            }
        }
        return planViews(catalog, streams, altered, actions);
    }

    /**
     * Keeps the workspace schemas, roles and views of the reconciled streams' datasets: a view whose
     * dataset's tables change is dropped before the change (a column a view reads cannot change type)
     * and made again after, in the same transaction, so a consumer never sees a view that fails; a
     * view whose columns differ from the model's is made again; a view no workspace has is dropped.
     */
    private List<Action> planViews(Catalog catalog, List<BatchStream> streams, Set<IngestedDataset> altered, List<Action> tableActions) {
        Map<IngestedDataset, Milestoning> reconciled = new HashMap<>();
        streams.forEach(st -> st.datasets().forEach(d -> reconciled.put(d, st.milestoning())));
        List<Action> drops = new ArrayList<>();
        List<Action> after = new ArrayList<>();
        for (WorkspaceSchema w : workspaces) {
            Map<String, List<String>> existing = catalog.views().getOrDefault(w.schema(), Map.of());
            if (!catalog.views().containsKey(w.schema()) || !catalog.roles().contains(w.role())) {
                after.add(new Action("made schema " + w.schema() + " for workspace " + w.workspace() + ", readable by role " + w.role(),
                        sql.createWorkspaceSchema(w, catalog.roles().contains(w.role())), null));
            }
            for (IngestedDataset d : altered) {
                // Whatever the views of a changing dataset were, they must not hold on to its columns during the change.
                List<String> statements = new ArrayList<>();
                for (String view : List.of(WorkspaceSchemas.liveView(d), WorkspaceSchemas.historyView(d))) {
                    if (existing.containsKey(view)) {
                        statements.add(sql.dropView(w.schema(), view));
                    }
                }
                if (!statements.isEmpty()) {
                    drops.add(new Action(null, statements, null));
                }
            }
            Set<String> expected = new HashSet<>();
            for (WorkspaceSchema.View v : w.views()) {
                expected.add(v.live());
                v.history().ifPresent(h -> expected.add(h.view()));
                Milestoning milestoning = reconciled.get(v.dataset());
                if (milestoning == null) {
                    continue;
                }
                boolean current = PostgresDialect.viewColumns(v.dataset(), false).equals(existing.get(v.live()))
                        && v.history().map(h -> PostgresDialect.viewColumns(v.dataset(), true).equals(existing.get(h.view()))).orElse(true);

                if (altered.contains(v.dataset()) || !current) {
                    after.add(new Action("made view" + (v.history().isPresent() ? "s " : " ") + w.schema() + "." + v.live()
                            + v.history().map(h -> ", " + h.view() + " and the functions " + h.asOfFunction() + ", " + h.changesFunction()).orElse("")
                            + " for workspace " + w.workspace(), sql.createViews(w, v, milestoning == Milestoning.MILESTONED), null));
                }
            }
            for (String view : existing.keySet()) {
                if (!expected.contains(view)) {
                    after.add(new Action("dropped view " + w.schema() + "." + view + ": workspace " + w.workspace() + " no longer consumes it",
                            List.of(sql.dropView(w.schema(), view)), null));
                }
            }
        }
        List<Action> all = new ArrayList<>(drops);
        all.addAll(tableActions);
        all.addAll(after);
        return all;
    }

    private void planStaging(Catalog catalog, BatchStream stream, IngestedDataset d, String dataset, List<Action> actions, List<TableMismatch> problems) {
        Map<String, ExistingColumn> existing = catalog.tables().get(d.stagingTable());
        if (existing == null) {
            actions.add(new Action("created table " + sql.schema() + "." + d.stagingTable(), List.of(sql.createStaging(d)),
                    new Registration(d.stagingTable(), TableKind.STAGING, stream.key(), dataset)));
            return;
        }
        addTransactionColumn(d.stagingTable(), existing, actions);
        checkColumns(d.stagingTable(), existing, d.columns(), TableLayout.STAGING_SYSTEM_COLUMNS.stream()
                .filter(c -> existing.containsKey(c) || !c.equals(TableLayout.TX_ID)).toList(), actions, problems);
    }

    /**
     * Staging (and staging archive) tables made before changes carried their source transaction get
     * the column; its rows keep a null there, which a batch treats as it always did.
     */
    private void addTransactionColumn(String table, Map<String, ExistingColumn> existing, List<Action> actions) {
        ExistingColumn actual = existing.get(TableLayout.TX_ID);
        if (actual == null) {
            actions.add(new Action("added column " + sql.schema() + "." + table + "." + TableLayout.TX_ID
                    + ": the sink carries each change's source transaction", List.of(sql.addTransactionColumn(table)), null));
        }
    }

    private void planMerge(Catalog catalog, BatchStream stream, IngestedDataset d, String dataset, List<Action> actions, List<TableMismatch> problems) {
        String table = d.mergeTable();
        Map<String, ExistingColumn> existing = catalog.tables().get(table);
        boolean milestoned = stream.milestoning() == Milestoning.MILESTONED;
        if (existing == null) {
            actions.add(new Action("created table " + sql.schema() + "." + table + (milestoned ? " (milestoned)" : " (live only)"),
                    sql.createMerge(d, stream.milestoning()), new Registration(table, TableKind.MERGE, stream.key(), dataset)));
            return;
        }
        boolean hasMilestones = existing.containsKey(TableLayout.DP_IN) || existing.containsKey(TableLayout.DP_OUT);
        boolean converting = milestoned != hasMilestones;
        if (converting) {
            String constraint = catalog.primaryKeyConstraints().get(table);
            if (constraint == null || (hasMilestones && !(existing.containsKey(TableLayout.DP_IN) && existing.containsKey(TableLayout.DP_OUT)))) {
                problems.add(new TableMismatch(sql.schema() + "." + table, "the model asks for " + stream.milestoning().yamlName()
                        + " merging but the table has neither the layout of a live-only nor of a milestoned merge table; drop it to have it "
                        + "rebuilt from a new snapshot of the source"));
                return;
            }
            if (milestoned) {
                actions.add(new Action("made table " + sql.schema() + "." + table + " milestoned: dp_in and dp_out added, each current row "
                        + "the live version of its key from now", sql.toMilestoned(d, constraint), null));
            } else {
                Optional<String> archive = archiveHistory ? Optional.of(PostgresNames.fit(table, "_history_"
                        + UnusedTables.ARCHIVE_STAMP.format(clock.instant()), table + "@history@" + clock.instant())) : Optional.empty();
                actions.add(new Action("made table " + sql.schema() + "." + table + " live-only: closed versions "
                        + archive.map(a -> "archived to " + sql.archiveSchema() + "." + a).orElse("dropped") + ", dp_in and dp_out removed",
                        sql.toLiveOnly(d, constraint, archive), null));
            }
        }
        if (existing.containsKey(TableLayout.ALL_HASH)) {
            actions.add(new Action("dropped column " + sql.schema() + "." + table + "." + TableLayout.ALL_HASH
                    + ": a batch compares the rows' values themselves", List.of(sql.dropColumn(table, TableLayout.ALL_HASH)), null));
        }
        List<String> system = new ArrayList<>(List.of(TableLayout.BATCH_ID));
        Set<String> expectedKey = new HashSet<>(d.keyColumns().stream().map(MappedColumn::name).toList());
        if (milestoned && !converting) {
            system.addAll(List.of(TableLayout.DP_IN, TableLayout.DP_OUT));
            expectedKey.add(TableLayout.DP_IN);
        }
        checkColumns(table, existing, d.columns(), system, actions, problems);
        for (MappedColumn column : d.nonKeyColumns()) {
            ExistingColumn actual = existing.get(column.name());
            if (column.nullable() && actual != null && actual.notNull()) {
                actions.add(new Action("relaxed NOT NULL on " + sql.schema() + "." + table + "." + column.name() + ": the model allows NULL now",
                        List.of(sql.dropNotNull(table, column.name())), null));
            }
        }
        if (converting) {
            // The conversion sets the primary key, the live index and the fillfactor itself.
            return;
        }
        int fillfactor = PostgresDialect.fillfactor(stream.milestoning());
        int actualFillfactor = catalog.fillfactors().getOrDefault(table, fillfactor);
        if (actualFillfactor != fillfactor) {
            actions.add(new Action("set fillfactor " + fillfactor + " (was " + actualFillfactor + ") on " + sql.schema() + "." + table + ", as on every "
                    + (milestoned ? "milestoned" : "live-only") + " merge table; pages already written keep theirs until their rows move",
                    List.of(sql.setFillfactor(table, fillfactor)), null));
        }
        Set<String> key = catalog.primaryKeys().getOrDefault(table, Set.of());
        if (!key.equals(expectedKey)) {
            problems.add(new TableMismatch(sql.schema() + "." + table, (key.isEmpty() ? "the primary key index is missing" : "the primary key is on "
                    + key + " instead of " + expectedKey) + "; merging needs it to find rows by key: recreate it with ALTER TABLE "
                    + sql.table(table) + " ADD PRIMARY KEY (...) after removing duplicate keys, or drop the table to have it rebuilt"));
        }
        if (!milestoned) {
            return;
        }
        if (catalog.indexes().contains(d.sharedValidityIndex())) {
            actions.add(new Action("dropped index " + d.sharedValidityIndex() + " of " + sql.schema() + "." + table
                    + ": one GiST index of live and closed versions made every closed version's entry three times as costly; "
                    + d.liveValidityIndex() + " and " + d.closedValidityIndex() + " replace it", List.of(sql.dropIndex(d.sharedValidityIndex())), null));
        }
        if (!catalog.indexes().contains(d.liveValidityIndex())) {
            actions.add(new Action("made index " + d.liveValidityIndex() + " on the live versions' validity of " + sql.schema() + "." + table,
                    List.of(sql.createLiveValidityIndex(d)), null));
        }
        if (!catalog.indexes().contains(d.closedValidityIndex())) {
            actions.add(new Action("made index " + d.closedValidityIndex() + " on the closed versions' validity of " + sql.schema() + "." + table,
                    List.of(sql.createClosedValidityIndex(d)), null));
        }
        if (!catalog.statistics().contains(d.validityStatistics())) {
            actions.add(new Action("made statistics " + d.validityStatistics() + " of the versions' validity of " + sql.schema() + "." + table
                    + ", for the planner's estimates of reads as of a time", List.of(sql.createValidityStatistics(d)), null));
        }
        if (!catalog.indexes().contains(d.liveIndex())) {
            problems.add(new TableMismatch(sql.schema() + "." + table, "the unique index " + d.liveIndex()
                    + " on the live versions is missing; it keeps one live row per key: recreate it with " + sql.createLiveIndex(d)));
        }
    }

    private void checkColumns(String table, Map<String, ExistingColumn> existing, List<MappedColumn> model, List<String> system,
            List<Action> actions, List<TableMismatch> problems) {
        String qualified = sql.schema() + "." + table;
        for (String column : system) {
            ExistingColumn actual = existing.get(column);
            String expected = PostgresDialect.systemColumnType(column);
            if (actual == null) {
                problems.add(new TableMismatch(qualified, "the system column " + column + " (" + expected
                        + ") is missing; the table was not made by DataSurface or was altered: restore the column or drop the table to have it rebuilt"));
            } else if (!actual.type().equals(expected)) {
                problems.add(new TableMismatch(qualified, "the system column " + column + " is " + actual.type() + " instead of " + expected
                        + "; restore its type or drop the table to have it rebuilt"));
            }
        }
        for (MappedColumn column : model) {
            ExistingColumn actual = existing.get(column.name());
            String expected = PostgresDialect.canonicalType(column.sqlType());
            if (actual == null) {
                actions.add(new Action("added column " + qualified + "." + column.name() + " " + column.sqlType() + " (nullable)",
                        List.of(sql.addColumn(table, column)), null));
            } else if (!actual.type().equals(expected) && widens(actual.type(), column)) {
                actions.add(new Action("widened column " + qualified + "." + column.name() + " from " + actual.type() + " to " + column.sqlType(),
                        List.of(sql.alterColumnType(table, column)), null));
            } else if (!actual.type().equals(expected)) {
                problems.add(new TableMismatch(qualified, "column " + column.name() + " is " + actual.type() + " but the model says "
                        + column.sqlType() + "; a type change is not made automatically: migrate the column by hand (ALTER TABLE "
                        + sql.table(table) + " ALTER COLUMN " + PostgresNames.quote(column.name()) + " TYPE " + column.sqlType()
                        + ") or restore the model's type"));
            }
        }
    }

    /** Whether the governance check lets a column of the catalog's type become the model's, so that reconcile may apply it. */
    private static boolean widens(String catalogType, MappedColumn column) {
        return PostgresTypes.fromCatalog(catalogType).map(from -> TypePromotion.isPromotionAllowed(from, column.column().type())).orElse(false);
    }

    /** A catalog row, read while the result set is on it. */
    @FunctionalInterface
    private interface CatalogRow {
        void read(ResultSet row) throws SQLException;
    }

    /** Runs a catalog query whose one bound value is the platform's schema, and reads each of its rows. */
    private void forEachRowInSchema(String query, CatalogRow reader) throws SQLException {
        try (PreparedStatement p = connection.prepareStatement(query)) {
            p.setString(1, sql.schema());
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    reader.read(rs);
                }
            }
        }
    }

    /** The first column of every row of the query, with this schema's name bound to its parameter. */
    private Set<String> namesInSchema(String query) throws SQLException {
        Set<String> names = new HashSet<>();
        forEachRowInSchema(query, rs -> names.add(rs.getString(1)));
        return names;
    }

    private Catalog loadCatalog() throws SQLException {
        boolean schemaExists;
        try (PreparedStatement p = connection.prepareStatement(sql.schemaExists())) {
            p.setString(1, sql.schema());
            try (ResultSet rs = p.executeQuery()) {
                schemaExists = rs.next();
            }
        }
        Map<String, Map<String, ExistingColumn>> tables = new HashMap<>();
        forEachRowInSchema(sql.catalogColumns(), rs -> tables.computeIfAbsent(rs.getString(1), t -> new LinkedHashMap<>())
                .put(rs.getString(2), new ExistingColumn(rs.getString(3), rs.getBoolean(4))));
        Map<String, Set<String>> keys = new HashMap<>();
        forEachRowInSchema(sql.catalogPrimaryKeys(), rs -> keys.computeIfAbsent(rs.getString(1), t -> new HashSet<>()).add(rs.getString(2)));
        Map<String, String> keyConstraints = new HashMap<>();
        forEachRowInSchema(sql.catalogPrimaryKeyConstraints(), rs -> keyConstraints.put(rs.getString(1), rs.getString(2)));
        Map<String, Integer> fillfactors = new HashMap<>();
        forEachRowInSchema(sql.catalogFillfactors(), rs -> fillfactors.put(rs.getString(1), rs.getInt(2)));
        Set<String> indexes = namesInSchema(sql.catalogIndexes());
        Set<String> statistics = namesInSchema(sql.catalogStatistics());
        Map<String, Map<String, List<String>>> views = new HashMap<>();
        Set<String> roles = new HashSet<>();
        if (!workspaces.isEmpty()) {
            try (PreparedStatement p = connection.prepareStatement(sql.catalogSchemas())) {
                p.setArray(1, connection.createArrayOf("text", workspaces.stream().map(WorkspaceSchema::schema).toArray()));
                try (ResultSet rs = p.executeQuery()) {
                    while (rs.next()) {
                        views.put(rs.getString(1), new LinkedHashMap<>());
                    }
                }
            }
            try (PreparedStatement p = connection.prepareStatement(sql.catalogViews())) {
                p.setArray(1, connection.createArrayOf("text", workspaces.stream().map(WorkspaceSchema::schema).toArray()));
                try (ResultSet rs = p.executeQuery()) {
                    while (rs.next()) {
                        views.get(rs.getString(1)).computeIfAbsent(rs.getString(2), v -> new ArrayList<>()).add(rs.getString(3));
                    }
                }
            }
            try (PreparedStatement p = connection.prepareStatement(sql.catalogRoles())) {
                p.setArray(1, connection.createArrayOf("text", workspaces.stream().map(WorkspaceSchema::role).toArray()));
                try (ResultSet rs = p.executeQuery()) {
                    while (rs.next()) {
                        roles.add(rs.getString(1));
                    }
                }
            }
        }
        return new Catalog(schemaExists, tables, keys, keyConstraints, fillfactors, indexes, statistics, views, roles);
    }
}
