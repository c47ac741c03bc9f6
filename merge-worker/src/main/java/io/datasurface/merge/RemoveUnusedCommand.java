package io.datasurface.merge;

import io.datasurface.cli.ExitCodes;
import io.datasurface.cli.UnusableInputException;
import io.datasurface.events.DataSurfaceEvent;
import io.datasurface.kpsg.IntentionGraph;
import io.datasurface.merge.postgres.Connector;
import io.datasurface.merge.postgres.PostgresDialect;
import io.datasurface.merge.postgres.UnusedTables;
import io.datasurface.model.Durations;
import jakarta.inject.Inject;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "remove-unused", mixinStandardHelpOptions = true, description = "Plans (and with --apply carries out) the removal of staging and merge tables that "
        + "DataSurface created and no batch-stream uses any more, once unused for the platform's grace period.")
public class RemoveUnusedCommand implements Callable<Integer> {
    @Mixin
    PlatformModel model;

    @Option(names = "--apply", description = "Remove the tables due for removal; without it only the plan is printed.")
    boolean apply;

    @Spec
    CommandSpec spec;

    @Inject
    PlatformDatabase database;

    @Inject
    EventPublisher events;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        IntentionGraph graph;
        Connector connector;
        try {
            graph = model.graph();
            connector = database.connector(graph.platform());
        } catch (UnusableInputException e) {
            err.println("error: " + e.getMessage());
            return ExitCodes.UNUSABLE;
        }
        PostgresDialect sql = new PostgresDialect(graph.schema());
        Instant now = Instant.now();
        try (Connection c = Connector.open(connector, sql)) {
            c.setAutoCommit(false);
            UnusedTables tables = new UnusedTables(c, sql);
            UnusedTables.Plan plan = tables.plan(graph, now);
            print(out, graph, plan);
            if (!apply) {
                c.rollback();
                if (!plan.toRemove().isEmpty()) {
                    out.println("Nothing was removed: run with --apply to remove the tables marked 'remove'.");
                }
                return ExitCodes.OK;
            }
            List<String> removed = tables.apply(graph, plan, now);
            c.commit();
            out.println(removed.size() + " table(s) " + (plan.archive() ? "archived to schema " + plan.archiveSchema() : "dropped")
                    + (removed.isEmpty() ? "" : ": " + String.join(", ", removed)));
            if (!removed.isEmpty()) {
                events.publish(graph.platform(), new DataSurfaceEvent.TablesRemoved(graph.platform().name(), removed, plan.archive(), now));
            }
            return ExitCodes.OK;
        } catch (SQLException e) {
            err.println("error: unused-table removal failed and was rolled back: " + PostgresDialect.describe(e));
            return ExitCodes.FAILED;
        }
    }

    private static void print(PrintWriter out, IntentionGraph graph, UnusedTables.Plan plan) {
        out.println("platform " + graph.platform().name() + ", schema " + plan.schema() + ": grace period "
                + Durations.format(plan.gracePeriod()) + ", removed tables are "
                + (plan.archive() ? "moved to schema " + plan.archiveSchema() : "dropped"));
        for (UnusedTables.Unused t : plan.tables()) {
            String why = switch (t.decision()) {
                case REMOVE -> "last used " + t.lastUsedAt() + ", grace period ended " + t.removableAfter();
                case KEEP -> "last used " + t.lastUsedAt() + ", kept until " + t.removableAfter();
                case GONE -> "registered but no longer in the schema; only the registry is updated";
            };
            out.printf("  %-6s %s.%s  (%s of %s, stream %s; %s)%n", t.decision().name().toLowerCase(java.util.Locale.ENGLISH),
                    plan.schema(), t.table(), t.kind().value(), t.dataset(), t.stream(), why);
        }
        long remove = plan.toRemove().size();
        long keep = plan.tables().stream().filter(t -> t.decision() == UnusedTables.Decision.KEEP).count();
        out.println(plan.tables().size() + " unused table(s): " + remove + " to remove, " + keep + " in their grace period, "
                + (plan.tables().size() - remove - keep) + " gone");
    }
}
