package io.datasurface.local;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.connect.cli.ConnectStandalone;
import org.apache.kafka.connect.errors.NotFoundException;
import org.apache.kafka.connect.runtime.Connect;
import org.apache.kafka.connect.runtime.Herder;
import org.apache.kafka.connect.runtime.rest.entities.ConfigInfo;
import org.apache.kafka.connect.runtime.rest.entities.ConfigInfos;
import org.apache.kafka.connect.runtime.rest.entities.ConnectorInfo;
import org.apache.kafka.connect.runtime.rest.entities.ConnectorStateInfo;
import org.apache.kafka.connect.runtime.standalone.StandaloneHerder;
import org.apache.kafka.connect.util.FutureCallback;

/**
 * An in-process Kafka Connect standalone worker. Source offsets are kept in a file under the
 * working directory and sink offsets in the broker, so a {@link #restart()} resumes every
 * connector where it stopped: nothing is lost and, as the stop is graceful, nothing is sent twice.
 * A standalone worker does not keep connector configurations, so this class keeps them and puts
 * them again after a restart.
 */
public final class LocalConnect implements AutoCloseable {
    private static final Duration RUNNING_TIMEOUT = Duration.ofSeconds(90);
    private static final String RUNNING = "RUNNING";
    private static final String FAILED = "FAILED";

    private final Map<String, String> workerConfig;
    private final Map<String, Map<String, String>> connectors = new LinkedHashMap<>();
    private Connect<StandaloneHerder> worker;

    private LocalConnect(Map<String, String> workerConfig) {
        this.workerConfig = Map.copyOf(workerConfig);
    }

    public static LocalConnect start(Path workDir, String bootstrapServers) throws IOException {
        // The worker writes the offsets file but does not make its folder: without it, source offsets are never saved.
        Files.createDirectories(workDir);
        Map<String, String> config = Map.of(
                "bootstrap.servers", requireNonNull(bootstrapServers, "bootstrapServers is null"),
                "key.converter", "org.apache.kafka.connect.json.JsonConverter",
                "value.converter", "org.apache.kafka.connect.json.JsonConverter",
                "offset.storage.file.filename", workDir.resolve("connect.offsets").toString(),
                // Short, so that a worker that dies rather than stops resends little.
                "offset.flush.interval.ms", "1000",
                "listeners", "http://127.0.0.1:0",
                // Scanning the class path for plugins takes seconds; the service loader finds them at once.
                "plugin.discovery", "service_load",
                "consumer.auto.offset.reset", "earliest",
                // A sink may subscribe before the source creates its topic: look again soon.
                "consumer.metadata.max.age.ms", "1000");
        LocalConnect connect = new LocalConnect(config);
        connect.startWorker();
        return connect;
    }

    /** Validates, puts (or replaces) a connector and waits until it and all its tasks run. */
    public synchronized void put(Map<String, String> config) {
        String name = requireNonNull(config.get("name"), "a connector config needs its name");
        validate(name, config);
        FutureCallback<Herder.Created<ConnectorInfo>> created = new FutureCallback<>();
        worker.herder().putConnectorConfig(name, config, true, created);
        await(created, "connector " + name + " was not created");
        connectors.put(name, Map.copyOf(config));
        awaitRunning(name);
    }

    /** The names of the connectors put so far, in order. */
    public synchronized List<String> connectors() {
        return List.copyOf(connectors.keySet());
    }

    /** Stops the worker gracefully (tasks commit their offsets), then starts it and its connectors again. */
    public synchronized void restart() {
        stopWorker();
        startWorker();
        for (Map<String, String> config : connectors.values()) {
            FutureCallback<Herder.Created<ConnectorInfo>> created = new FutureCallback<>();
            worker.herder().putConnectorConfig(config.get("name"), config, true, created);
            await(created, "connector " + config.get("name") + " was not created again");
        }
        connectors.keySet().forEach(this::awaitRunning);
    }

    /**
     * Pauses a connector: its tasks stop consuming, as when a sink's database or a worker is slow,
     * until {@link #resume}. What it had written stays; its offsets keep the rest for later.
     */
    public synchronized void pause(String name) {
        requireKnown(name);
        worker.herder().pauseConnector(name);
    }

    public synchronized void resume(String name) {
        requireKnown(name);
        worker.herder().resumeConnector(name);
    }

    private void requireKnown(String name) {
        if (!connectors.containsKey(name)) {
            throw new IllegalArgumentException("no connector " + name + "; the worker runs " + connectors.keySet());
        }
    }

    /** Stops the worker only; {@link #restart()} brings it back. */
    public synchronized void stopWorker() {
        if (worker != null) {
            worker.stop();
            worker.awaitStop();
            worker = null;
        }
    }

    private void startWorker() {
        worker = new ConnectStandalone().startConnect(workerConfig);
    }

    /**
     * Reports configuration errors by setting name. Without this, Debezium 3.6.1 on Connect 4.1.2
     * turns any validation error into a NullPointerException, as one of its settings has no value info.
     */
    private void validate(String name, Map<String, String> config) {
        FutureCallback<ConfigInfos> validated = new FutureCallback<>();
        worker.herder().validateConnectorConfig(config, validated, false);
        ConfigInfos infos = await(validated, "connector " + name + " could not be validated");
        if (infos.errorCount() == 0) {
            return;
        }
        List<String> errors = new ArrayList<>();
        for (ConfigInfo info : infos.values()) {
            // Names and messages only: a value may be a secret.
            if (info.configValue() != null && !info.configValue().errors().isEmpty()) {
                errors.add(info.configValue().name() + ": " + String.join("; ", info.configValue().errors()));
            }
        }
        throw new IllegalArgumentException("connector " + name + " has an invalid configuration: " + String.join(", ", errors));
    }

    private void awaitRunning(String name) {
        long deadline = System.nanoTime() + RUNNING_TIMEOUT.toNanos();
        String last = "no status";
        while (System.nanoTime() < deadline) {
            try {
                ConnectorStateInfo status = worker.herder().connectorStatus(name);
                List<ConnectorStateInfo.TaskState> tasks = status.tasks();
                failure(status.connector()).ifPresent(trace -> {
                    throw new IllegalStateException("connector " + name + " failed: " + trace);
                });
                for (ConnectorStateInfo.TaskState task : tasks) {
                    failure(task).ifPresent(trace -> {
                        throw new IllegalStateException("task " + task.id() + " of connector " + name + " failed: " + trace);
                    });
                }
                if (RUNNING.equals(status.connector().state()) && !tasks.isEmpty()
                        && tasks.stream().allMatch(t -> RUNNING.equals(t.state()))) {
                    return;
                }
                last = status.connector().state() + ", tasks " + tasks.stream().map(ConnectorStateInfo.TaskState::state).toList();
            } catch (NotFoundException e) {
                last = "not known to the worker yet";
            }
            sleep(Duration.ofMillis(100));
        }
        throw new IllegalStateException("connector " + name + " did not run within " + RUNNING_TIMEOUT.toSeconds() + "s: " + last);
    }

    private static Optional<String> failure(ConnectorStateInfo.AbstractState state) {
        return FAILED.equals(state.state()) ? Optional.of(String.valueOf(state.trace())) : Optional.empty();
    }

    private static <T> T await(FutureCallback<T> callback, String failure) {
        try {
            return callback.get(RUNNING_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException(failure + ": " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException(failure + " within " + RUNNING_TIMEOUT.toSeconds() + "s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(failure + ": interrupted", e);
        }
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a connector", e);
        }
    }

    @Override
    public synchronized void close() {
        stopWorker();
    }
}
