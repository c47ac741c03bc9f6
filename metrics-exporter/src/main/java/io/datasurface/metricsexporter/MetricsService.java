package io.datasurface.metricsexporter;

import static java.util.Objects.requireNonNull;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import org.jboss.logging.Logger;

/**
 * The serving side: reads the tables every interval and keeps the last reading's exposition text
 * for {@code /q/metrics}. A failed reading is logged and the previous one kept, so a short database
 * outage does not turn counters into gaps; the reading thread never stops on an error. The reader
 * is replaced while serving when a new graph arrives.
 */
@ApplicationScoped
public class MetricsService {
    private static final Logger LOG = Logger.getLogger(MetricsService.class);

    private final AtomicReference<String> latest = new AtomicReference<>();
    private final AtomicReference<MetricsReader> reader = new AtomicReference<>();
    private ScheduledExecutorService timer;
    private volatile BooleanSupplier graphSource = () -> true;

    /** Starts reading with {@code reader} now and then every {@code interval}; at most once per process. */
    public synchronized void start(MetricsReader reader, Duration interval) {
        if (timer != null) {
            throw new IllegalStateException("already serving");
        }
        use(reader);
        start(interval);
    }

    /**
     * Starts reading every {@code interval}, from the first reader given to {@link #use} on; at most once per process.
     */
    public synchronized void start(Duration interval) {
        if (timer != null) {
            throw new IllegalStateException("already serving");
        }
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "metrics-reader");
            t.setDaemon(true);
            return t;
        });
        timer.scheduleWithFixedDelay(this::readOnce, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Reads with {@code reader} from now on (a new graph: its streams and its database), at once when serving. */
    public synchronized void use(MetricsReader reader) {
        this.reader.set(requireNonNull(reader, "reader is null"));
        if (timer != null && !timer.isShutdown()) {
            timer.execute(this::readOnce);
        }
    }

    private void readOnce() {
        MetricsReader current = reader.get();
        if (current == null) {
            return;
        }
        try {
            latest.set(Exposition.of(current.read()));
        } catch (SQLException | RuntimeException e) {
            LOG.warnf("reading the platform tables failed, serving the previous reading: %s", e.getMessage());
        }
    }

    /** Where the graphs come from, when it can fail for good: the liveness check reports it (see {@link GraphSourceLiveness}). */
    public void graphSource(BooleanSupplier alive) {
        graphSource = requireNonNull(alive, "alive is null");
    }

    /** False once the graph source died; true while it lives or when the graph was given once (a file or a model). */
    public boolean graphSourceAlive() {
        return graphSource.getAsBoolean();
    }

    /** The last reading's exposition text; empty before the first reading succeeded. */
    public Optional<String> latest() {
        return Optional.ofNullable(latest.get());
    }

    @PreDestroy
    synchronized void stop() {
        if (timer != null) {
            timer.shutdownNow();
        }
    }
}
