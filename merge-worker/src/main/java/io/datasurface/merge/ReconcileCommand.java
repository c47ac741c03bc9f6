package io.datasurface.merge;

import io.datasurface.cli.ExitCodes;
import io.datasurface.cli.UnusableInputException;
import io.datasurface.kpsg.IntentionGraph;
import io.datasurface.kpsg.WorkspaceSchema;
import io.datasurface.merge.postgres.Connector;
import io.datasurface.merge.postgres.PostgresDialect;
import io.datasurface.merge.postgres.Reconciler;
import jakarta.inject.Inject;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(name = "reconcile", mixinStandardHelpOptions = true, description = "Creates the platform's schema and tables and adds the columns the model gained. "
        + "Reports, without touching them, tables it cannot reconcile safely (exit 1).")
public class ReconcileCommand implements Callable<Integer> {
    @Mixin
    PlatformModel model;

    @Spec
    CommandSpec spec;

    @Inject
    PlatformDatabase database;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        IntentionGraph graph;
        List<WorkspaceSchema> workspaces;
        Connector connector;
        try {
            graph = model.graph();
            workspaces = graph.workspaces();
            connector = database.connector(graph.platform());
        } catch (UnusableInputException e) {
            err.println("error: " + e.getMessage());
            return ExitCodes.UNUSABLE;
        }
        PostgresDialect sql = new PostgresDialect(graph.schema());
        try (Connection c = Connector.open(connector, sql)) {
            c.setAutoCommit(false);
            Reconciler.Report report = new Reconciler(c, sql, graph.platform().retention(), Clock.systemUTC(), workspaces)
                    .reconcile(graph.streams());
            c.commit();
            report.actions().forEach(out::println);
            report.problems().forEach(p -> err.println("error: " + p));
            out.println("schema " + graph.schema() + ": " + graph.streams().size() + " batch-stream(s), " + report.actions().size()
                    + " change(s), " + report.problems().size() + " problem(s)");
            return report.ok() ? ExitCodes.OK : ExitCodes.FAILED;
        } catch (SQLException e) {
            err.println("error: reconcile failed and was rolled back: " + PostgresDialect.describe(e));
            return ExitCodes.FAILED;
        }
    }
}
