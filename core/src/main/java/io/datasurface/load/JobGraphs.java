package io.datasurface.load;

import io.datasurface.cli.UnusableInputException;
import io.datasurface.kpsg.IntentionGraph;
import io.datasurface.kpsg.graphfile.GraphFile;
import io.datasurface.kpsg.graphfile.GraphFiles;
import io.datasurface.model.KubernetesPGStarter;
import io.datasurface.yaml.InvalidModelException;
import io.datasurface.yaml.ModelLoadException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where a platform job (merge-worker, metrics-exporter) gets its graph: the graph file render-service wrote for a commit
 * ({@code --graph FILE --commit SHA}, what the rendered DAGs pass, so that nothing of the model is read and a job's
 * start does not grow with the model), or the model folder ({@code --model DIR}, loaded and linted, for a workstation
 * that has the model and no rendered output). Each service's options are only the picocli face of this.
 */
public final class JobGraphs {
    private JobGraphs() {
    }

    /** The options as given; null for an option not given. */
    public record Source(Path graphFile, String commit, Path model, String platform) {
        public Source {
            if (platform == null) {
                throw new IllegalArgumentException("platform is null");
            }
        }
    }

    /**
     * The platform's graph: from the graph file, checked against its hash and the commit, or from a model that lints clean.
     *
     * @throws UnusableInputException saying what to fix, when the options do not fit together or the input cannot be used
     */
    public static IntentionGraph graph(Source source) throws UnusableInputException {
        if (source.graphFile() != null && source.model() != null) {
            throw new UnusableInputException("give either --graph FILE --commit SHA or --model DIR, not both");
        }
        if (source.graphFile() != null) {
            if (source.commit() == null) {
                throw new UnusableInputException("--graph needs --commit SHA: the model commit the DAG was rendered from, which the graph "
                        + "file must have been made from");
            }
            return GraphFiles.read(source.graphFile(), source.platform(), source.commit()).graph();
        }
        if (source.model() == null) {
            throw new UnusableInputException("give the platform's graph file (--graph FILE --commit SHA, as the rendered DAGs do) or the "
                    + "model folder (--model DIR)");
        }
        if (source.commit() != null) {
            throw new UnusableInputException("--commit goes with --graph; a model folder is read as it is");
        }
        try {
            return PlatformResolver.resolve(source.model(), source.platform()).graph();
        } catch (ModelLoadException | InvalidModelException | UnknownPlatformException e) {
            throw new UnusableInputException(e.getMessage());
        }
    }

    /**
     * The platform's settings as far as the input can be read at all, even when it cannot be used (a model with lint
     * errors, a graph file of another commit): enough to tell operators (its database and Kafka) that a run could not
     * start. Empty when not even that, and for a graph file that does not match its hash, which is not trusted at all.
     */
    public static Optional<KubernetesPGStarter> platformOfAnyInput(Source source) {
        try {
            if (source.graphFile() != null) {
                GraphFile file = GraphFiles.parse(Files.readAllBytes(source.graphFile()), source.graphFile().toString());
                return file.platform().equals(source.platform()) ? Optional.of(file.graph().platform()) : Optional.empty();
            }
            if (source.model() == null) {
                return Optional.empty();
            }
            return Models.loadAndLint(source.model()).ecosystem().flatMap(e -> e.platform(source.platform()))
                    .filter(KubernetesPGStarter.class::isInstance).map(KubernetesPGStarter.class::cast);
        } catch (ModelLoadException | UnusableInputException | IOException e) {
            return Optional.empty();
        }
    }
}
