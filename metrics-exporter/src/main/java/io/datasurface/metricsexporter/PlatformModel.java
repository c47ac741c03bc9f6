package io.datasurface.metricsexporter;

import io.datasurface.cli.UnusableInputException;
import io.datasurface.kpsg.IntentionGraph;
import io.datasurface.load.JobGraphs;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * The options that say where the exporter gets the platform's graph ({@link JobGraphs}): the graph file and commit the
 * rendered system DAG passes to {@code collect}, or a model folder.
 */
public class PlatformModel {
    @Option(names = "--graph", paramLabel = "FILE", description = "The platform's graph file (graphs/<schema>.json of the rendered output); "
            + "needs --commit. What the rendered system DAG passes.")
    Path graphFile;

    @Option(names = "--commit", paramLabel = "SHA", description = "The model commit the graph file must have been made from; "
            + "a file of another commit is refused (exit 2).")
    String commit;

    @Option(names = "--model", paramLabel = "DIR", description = "The model folder (it holds ecosystem.yaml), loaded and linted instead of "
            + "a graph file.")
    Path model;

    @Option(names = "--platform", required = true, paramLabel = "P", description = "The KubernetesPGStarter platform whose tables to read.")
    String platform;

    /** The platform's intention graph: from the graph file, checked against its hash and the commit, or from a model that lints clean. */
    public IntentionGraph graph() throws UnusableInputException {
        return JobGraphs.graph(new JobGraphs.Source(graphFile, commit, model, platform));
    }
}
