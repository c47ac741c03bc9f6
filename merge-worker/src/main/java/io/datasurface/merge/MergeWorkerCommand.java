package io.datasurface.merge;

import io.quarkus.picocli.runtime.annotations.TopCommand;
import picocli.CommandLine.Command;

/** The merge-worker as Airflow runs it in a pod: one command, one piece of work, then exit. */
@TopCommand
@Command(name = "merge-worker", mixinStandardHelpOptions = true,
        description = "Merges staged changes into merge tables on a KubernetesPGStarter platform's PostgreSQL, "
                + "keeps its tables matching the model and removes the ones no longer used. "
                + "Exit 0 done, 1 failed (and recorded), 2 unusable input.",
        subcommands = {ReconcileCommand.class, MergeCommand.class, StreamsCommand.class, TablesCommand.class, RemoveUnusedCommand.class})
public class MergeWorkerCommand {
}
