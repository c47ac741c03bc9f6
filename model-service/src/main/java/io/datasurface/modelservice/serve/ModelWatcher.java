package io.datasurface.modelservice.serve;

import io.datasurface.cli.UnusableInputException;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * {@code serve}'s loop: polls the live branch on the configured interval, and at once when the git host's webhook
 * says so. One thread does every poll, so commits are handled in order and never twice at the same time.
 */
@ApplicationScoped
public class ModelWatcher {
    private static final Logger LOG = Logger.getLogger(ModelWatcher.class);

    @Inject
    ModelServiceConfig config;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    private ScheduledExecutorService executor;
    private LiveBranch branch;
    private GraphTopics topics;
    private LiveModel model;
    private final AtomicBoolean pollQueued = new AtomicBoolean();
    private volatile Optional<String> repositoryProblem = Optional.of("not started");

    /** What readiness reports. */
    public record Status(boolean serving, Optional<String> repositoryProblem) {
    }

    /**
     * Opens the clone and the topics and starts polling.
     *
     * @throws UnusableInputException when the repository is not configured or its credential is missing
     */
    public synchronized void start() throws UnusableInputException, IOException {
        if (executor != null) {
            return;
        }
        String url = config.repository().url().orElseThrow(() -> new UnusableInputException(
                "no model repository to watch: set datasurface.repository.url (environment DATASURFACE_REPOSITORY_URL) to its clone URL"));
        branch = LiveBranch.open(config.repository(), url, config.workDir(), System.getenv());
        topics = new GraphTopics(bootstrapServers, config.topics(), config.kafkaTimeout());
        executor = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "model-watcher"));
        executor.scheduleWithFixedDelay(this::pollLogged, 0, config.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
        LOG.infof("watching %s every %s, publishing to %s", branch.describe(), config.pollInterval(), bootstrapServers);
    }

    /** Polls as soon as the loop is free; requests that arrive while one is queued are the same request. */
    public boolean pollSoon() {
        ScheduledExecutorService running = executor;
        if (running == null) {
            return false;
        }
        if (pollQueued.compareAndSet(false, true)) {
            running.execute(this::pollLogged);
        }
        return true;
    }

    public Status status() {
        return new Status(executor != null, repositoryProblem);
    }

    /** For readiness: whether Kafka answers; false before {@link #start()}. */
    public boolean kafkaReachable() {
        GraphTopics t = topics;
        return t != null && t.reachable();
    }

    private void pollLogged() {
        pollQueued.set(false);
        try {
            if (model == null) {
                model = LiveModel.start(branch, topics, Clock.systemUTC());
            }
            LiveModel.Outcome outcome = model.poll();
            repositoryProblem = Optional.empty();
            if (outcome instanceof LiveModel.Outcome.Published p) {
                LOG.infof("commit %s: graphs of %s published", p.commit(), String.join(", ", p.platforms()));
            } else if (outcome instanceof LiveModel.Outcome.Rejected r) {
                LOG.warnf("commit %s: model rejected with %d problem(s); first: %s", r.commit(), r.problems().size(),
                        r.problems().isEmpty() ? "-" : r.problems().get(0));
            }
        } catch (org.eclipse.jgit.api.errors.GitAPIException | IOException e) {
            repositoryProblem = Optional.of(e.getMessage());
            LOG.warnf("cannot read the live branch %s: %s; next try in %s", branch.describe(), e.getMessage(), config.pollInterval());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            // Nothing is marked handled, so the next poll publishes what this one could not.
            LOG.warnf("publishing to Kafka failed: %s; next try in %s", e.toString(), config.pollInterval());
        }
    }

    @PreDestroy
    synchronized void stop() {
        if (executor == null) {
            return;
        }
        executor.shutdownNow();
        try {
            executor.awaitTermination(Duration.ofSeconds(5).toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        topics.close();
        branch.close();
        executor = null;
    }
}
