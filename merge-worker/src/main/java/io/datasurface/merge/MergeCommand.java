package io.datasurface.merge;

import io.datasurface.cli.ExitCodes;
import io.datasurface.cli.UnusableInputException;
import io.datasurface.events.DataSurfaceEvent;
import io.datasurface.kpsg.BatchStream;
import io.datasurface.kpsg.IntentionGraph;
import io.datasurface.kpsg.TableLayout;
import io.datasurface.kpsg.WorkspaceSchema;
import io.datasurface.merge.postgres.Connector;
import io.datasurface.merge.postgres.MergeEngine;
import io.datasurface.merge.postgres.PostgresDialect;
import jakarta.inject.Inject;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "merge", mixinStandardHelpOptions = true, description = "Runs one merge batch for one batch-stream, then exits: 0 merged (or nothing to merge, "
        + "or another run of the stream is merging), 1 the batch failed and was recorded, 2 unusable input.")
public class MergeCommand implements Callable<Integer> {
    @Mixin
    PlatformModel model;

    @Option(names = "--stream", required = true, paramLabel = "KEY",
            description = "The batch-stream: the store name of a multi-dataset store, store.dataset otherwise (see the streams command).")
    String stream;

    @Spec
    CommandSpec spec;

    @Inject
    PlatformDatabase database;

    @Inject
    EventPublisher events;

    @Inject
    MergeWorkerConfig config;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        IntentionGraph graph;
        List<WorkspaceSchema> workspaces;
        BatchStream batchStream;
        Connector connector;
        try {
            graph = model.graph();
            workspaces = graph.workspaces();
            IntentionGraph g = graph;
            batchStream = graph.stream(stream).orElseThrow(() -> new UnusableInputException("no batch-stream '" + stream
                    + "' on platform " + g.platform().name() + "; it has: "
                    + g.streams().stream().map(BatchStream::key).collect(Collectors.joining(", "))));
            connector = database.connector(graph.platform());
        } catch (UnusableInputException e) {
            err.println("error: " + e.getMessage());
            recordUnusable(e.getMessage());
            return ExitCodes.UNUSABLE;
        }
        MergeEngine engine = new MergeEngine(connector, new PostgresDialect(graph.schema()), graph.platform().retention(), workspaces,
                config.lockWait(), Clock.systemUTC(), MergeEngine.Hook.NONE);
        MergeEngine.Outcome outcome = engine.run(batchStream);
        String platform = graph.platform().name();
        if (outcome instanceof MergeEngine.Merged m) {
            out.println("stream " + stream + " batch " + m.batchId() + ": " + m.stagingRows() + " staging row(s), " + m.inserted()
                    + " inserted, " + m.updated() + " updated, " + m.deleted() + " deleted, " + m.unchanged() + " unchanged in "
                    + m.durationMillis() + " ms");
            events.publish(graph.platform(), new DataSurfaceEvent.MergeSucceeded(platform, stream, m.batchId(),
                    m.stagingRows(), m.inserted(), m.updated(), m.deleted(), m.unchanged(), m.durationMillis(), Instant.now()));
            return ExitCodes.OK;
        }
        if (outcome instanceof MergeEngine.AlreadyRunning) {
            out.println("stream " + stream + ": another run is merging it; nothing done");
            return ExitCodes.OK;
        }
        MergeEngine.Failed failed = (MergeEngine.Failed) outcome;
        err.println("error: " + failed.hint());
        events.publish(graph.platform(), new DataSurfaceEvent.MergeFailed(platform, stream, failed.hint(), Instant.now()));
        return ExitCodes.FAILED;
    }

    /**
     * A run that cannot start is still a failed run to the operator: it is published as MergeFailed
     * and recorded in the metrics table when the model says enough to reach them, not only printed
     * into a pod log nobody reads.
     */
    private void recordUnusable(String reason) {
        model.platformOfAnyModel().ifPresent(platform -> {
            events.publish(platform, new DataSurfaceEvent.MergeFailed(platform.name(), stream, reason, Instant.now()));
            try {
                new MergeEngine(database.connector(platform), new PostgresDialect(TableLayout.platformSchema(platform.name())),
                        platform.retention(), config.lockWait(), Clock.systemUTC(), MergeEngine.Hook.NONE).recordUnusable(stream, reason);
            } catch (UnusableInputException e) {
                // Without the database credentials the event is all there is.
            }
        });
    }
}
