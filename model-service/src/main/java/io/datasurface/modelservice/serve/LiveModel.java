package io.datasurface.modelservice.serve;

import io.datasurface.diagnostics.Problem;
import io.datasurface.events.DataSurfaceEvent;
import io.datasurface.events.PlatformGraph;
import io.datasurface.kpsg.IntentionGraph;
import io.datasurface.load.Models;
import io.datasurface.load.PlatformResolver;
import io.datasurface.model.DataPlatform;
import io.datasurface.model.Ecosystem;
import io.datasurface.yaml.LoadedModel;
import io.datasurface.yaml.ModelFiles;
import io.datasurface.yaml.ModelLoadException;
import io.datasurface.yaml.ParsedFileCache;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import org.eclipse.jgit.api.errors.GitAPIException;

/**
 * What model-service does with each commit of the live branch: load and lint the model, then publish every served
 * platform's graph and GraphPublished, or ModelRejected with the problems. A commit whose model files are those already
 * published publishes nothing; what was published is known from the graph topic, so a restart publishes nothing twice.
 */
public final class LiveModel {
    private final LiveBranch branch;
    private final GraphTopics topics;
    private final Clock clock;
    private final Map<String, GraphTopics.Published> published;
    /** Parsed files of the last commit: a commit that changes one file of a large model parses one file. */
    private final ParsedFileCache parsed = new ParsedFileCache();
    private String lastCommit = "";
    private String lastModelHash = "";

    /** What one poll did. */
    public sealed interface Outcome {
        /** The branch is at the commit already seen. */
        record SameCommit(String commit) implements Outcome {
        }

        /** A new commit whose model files are those of the last model handled (or already on the graph topic). */
        record SameModel(String commit) implements Outcome {
        }

        record Published(String commit, List<String> platforms) implements Outcome {
        }

        record Rejected(String commit, List<String> problems) implements Outcome {
        }
    }

    private LiveModel(LiveBranch branch, GraphTopics topics, Clock clock, Map<String, GraphTopics.Published> published) {
        this.branch = branch;
        this.topics = topics;
        this.clock = clock;
        this.published = new HashMap<>(published);
    }

    /** Starts from what the graph topic holds. */
    public static LiveModel start(LiveBranch branch, GraphTopics topics, Clock clock)
            throws IOException, InterruptedException, ExecutionException, TimeoutException {
        topics.ensureTopics();
        return new LiveModel(branch, topics, clock, topics.published());
    }

    /** Fetches the live branch and handles its commit when it is new. */
    public synchronized Outcome poll() throws GitAPIException, IOException, InterruptedException, ExecutionException, TimeoutException {
        String commit = branch.fetch();
        if (commit.equals(lastCommit)) {
            return new Outcome.SameCommit(commit);
        }
        LiveBranch.Snapshot snapshot = branch.read(commit);
        Outcome outcome = snapshot.modelHash().equals(lastModelHash) ? new Outcome.SameModel(commit) : handle(snapshot);
        lastCommit = commit;
        lastModelHash = snapshot.modelHash();
        return outcome;
    }

    private Outcome handle(LiveBranch.Snapshot snapshot) throws InterruptedException, ExecutionException, TimeoutException {
        LoadedModel model;
        try {
            model = Models.loadAndLint(ModelFiles.of(branch.describe() + ":" + snapshot.commit(), snapshot.files()), parsed);
        } catch (ModelLoadException e) {
            return reject(snapshot, List.of(e.getMessage().split("\n")));
        }
        if (model.ecosystem().isEmpty() || model.problems().stream().anyMatch(Problem::isError)) {
            return reject(snapshot, model.problems().stream().filter(Problem::isError).map(Problem::toString).toList());
        }
        Ecosystem ecosystem = model.ecosystem().get();
        List<String> platforms = new ArrayList<>();
        for (DataPlatform platform : ecosystem.platforms()) {
            Optional<IntentionGraph> graph = PlatformResolver.graph(ecosystem, platform);
            GraphTopics.Published before = published.get(platform.name());
            if (graph.isEmpty() || before != null && before.modelHash().equals(snapshot.modelHash())) {
                continue;
            }
            PlatformGraph record = new PlatformGraph(platform.name(), snapshot.commit(), snapshot.modelHash(), ecosystem.owner(), graph.get());
            topics.publish(record, new DataSurfaceEvent.GraphPublished(platform.name(), snapshot.commit(), snapshot.modelHash(),
                    graph.get().streams().size(), clock.instant()));
            published.put(platform.name(), new GraphTopics.Published(snapshot.commit(), snapshot.modelHash()));
            platforms.add(platform.name());
        }
        return platforms.isEmpty() ? new Outcome.SameModel(snapshot.commit()) : new Outcome.Published(snapshot.commit(), platforms);
    }

    private Outcome reject(LiveBranch.Snapshot snapshot, List<String> problems) throws InterruptedException, ExecutionException, TimeoutException {
        topics.publish(new DataSurfaceEvent.ModelRejected(branch.describe(), snapshot.commit(), problems, clock.instant()));
        return new Outcome.Rejected(snapshot.commit(), problems);
    }
}
