package io.datasurface.merge;

import io.datasurface.cli.UnusableInputException;
import io.datasurface.kpsg.IntentionGraph;
import io.datasurface.load.JobGraphs;
import io.datasurface.model.KubernetesPGStarter;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * The options that say where a command gets the platform's graph ({@link JobGraphs}): the graph file and commit the
 * rendered DAGs pass, or a model folder on a workstation.
 */
public class PlatformModel {
    @Option(names = "--graph", paramLabel = "FILE", description = "The platform's graph file (graphs/<schema>.json of the rendered output); "
            + "needs --commit. What the rendered DAGs pass.")
    Path graphFile;

    @Option(names = "--commit", paramLabel = "SHA", description = "The model commit the graph file must have been made from; "
            + "a file of another commit is refused (exit 2).")
    String commit;

    @Option(names = "--model", paramLabel = "DIR", description = "The model folder (it holds ecosystem.yaml), loaded and linted instead of "
            + "a graph file.")
    Path model;

    @Option(names = "--platform", required = true, paramLabel = "P", description = "The KubernetesPGStarter platform to work for.")
    String platform;

    private IntentionGraph graph;

    /** The platform's intention graph, read once. */
    public IntentionGraph graph() throws UnusableInputException {
        if (graph == null) {
            graph = JobGraphs.graph(source());
        }
        return graph;
    }

    /** The platform's settings as far as the input can be read at all; see {@link JobGraphs#platformOfAnyInput}. */
    public Optional<KubernetesPGStarter> platformOfAnyModel() {
        return JobGraphs.platformOfAnyInput(source());
    }

    private JobGraphs.Source source() {
        return new JobGraphs.Source(graphFile, commit, model, platform);
    }
}
