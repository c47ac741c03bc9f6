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
import io.quarkus.runtime.configuration.DurationConverter;
import jakarta.inject.Inject;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
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

    @Option(names = "--transaction-wait", paramLabel = "DURATION",
            description = "How long an incomplete source transaction holds the stream before a batch consumes what arrived of it "
                    + "and publishes TransactionsReleased, like 30s, 5m or PT5M. Default: 5m.")
    String transactionWait;

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
        Duration wait;
        MergeEngine engine;
        try {
            graph = model.graph();
            workspaces = graph.workspaces();
            IntentionGraph g = graph;
            batchStream = graph.stream(stream).orElseThrow(() -> new UnusableInputException("no batch-stream '" + stream
                    + "' on platform " + g.platform().name() + "; it has: "
                    + g.streams().stream().map(BatchStream::key).collect(Collectors.joining(", "))));
            connector = database.connector(graph.platform());
            wait = transactionWait();
            engine = engine(connector, graph, workspaces, wait);
        } catch (UnusableInputException e) {
            err.println("error: " + e.getMessage());
            recordUnusable(e.getMessage());
            return ExitCodes.UNUSABLE;
        }
        MergeEngine.Outcome outcome = engine.run(batchStream);
        String platform = graph.platform().name();
        if (outcome instanceof MergeEngine.Merged m) {
            Instant now = Instant.now();
            Optional<DataSurfaceEvent.TransactionsReleased> released = m.released().isEmpty() ? Optional.empty()
                    : Optional.of(new DataSurfaceEvent.TransactionsReleased(platform, stream, m.batchId(), m.released(),
                            wait.toMillis(), now));
            out.println("stream " + stream + " batch " + m.batchId() + ": " + m.stagingRows() + " staging row(s), " + m.inserted()
                    + " inserted, " + m.updated() + " updated, " + m.deleted() + " deleted, " + m.unchanged() + " unchanged in "
                    + m.durationMillis() + " ms"
                    + (m.heldTransactions() == 0 ? "" : "; " + m.heldTransactions() + " incomplete source transaction(s) held for a later batch")
                    + released.map(r -> "; " + r.transactions().size() + " released after waiting " + r.waited() + ": "
                            + String.join(", ", r.transactions())).orElse(""));
            events.publish(graph.platform(), new DataSurfaceEvent.MergeSucceeded(platform, stream, m.batchId(),
                    m.stagingRows(), m.inserted(), m.updated(), m.deleted(), m.unchanged(), m.durationMillis(), now));
            released.ifPresent(r -> events.publish(graph.platform(), r));
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

    /** The engine for this run; the engine is what knows the range a transaction wait may have. */
    private MergeEngine engine(Connector connector, IntentionGraph graph, List<WorkspaceSchema> workspaces, Duration wait)
            throws UnusableInputException {
        try {
            return new MergeEngine(connector, new PostgresDialect(graph.schema()), graph.platform().retention(), workspaces,
                    config.lockWait(), wait, Clock.systemUTC(), MergeEngine.Hook.NONE);
        } catch (IllegalArgumentException e) {
            throw new UnusableInputException("--transaction-wait " + transactionWait + " is out of range: " + e.getMessage());
        }
    }

    /** The --transaction-wait in the form the merge-worker's other durations take (its lock wait, in application.properties). */
    private Duration transactionWait() throws UnusableInputException {
        if (transactionWait == null) {
            return MergeEngine.DEFAULT_TRANSACTION_WAIT;
        }
        Duration wait;
        try {
            wait = DurationConverter.parseDuration(transactionWait);
        } catch (IllegalArgumentException e) {
            // Reported below, as is a blank text, which parses as no duration at all.
            wait = null;
        }
        if (wait == null) {
            throw new UnusableInputException("--transaction-wait '" + transactionWait + "' is not a duration: write e.g. 30s, 5m or PT5M");
        }
        return wait;
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
