package io.datasurface.local;

import static java.util.Objects.requireNonNull;

import io.datasurface.kpsg.BatchStream;
import io.datasurface.render.RenderRequest;
import io.datasurface.render.airflow.AirflowDags;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Stands in for Airflow on one machine: each batch-stream's merge task, taken from the DAG the
 * render-service renders for it (so the arguments and environment cannot drift from what a pod
 * gets), runs on a short schedule, one run per stream at a time as {@code max_active_runs=1}
 * makes it in Airflow.
 */
public final class LocalScheduler implements AutoCloseable {
    private final RenderRequest request;
    private final MergeWorkerPods pods;
    private final PrintStream progress;
    private final Map<String, AirflowDags.PodTask> mergeTasks = new LinkedHashMap<>();
    private final Map<String, ReentrantLock> locks = new LinkedHashMap<>();
    private final List<MergeWorkerPods.Run> runs = new ArrayList<>();
    private final AtomicInteger failures = new AtomicInteger();
    private ScheduledExecutorService timer;

    public LocalScheduler(RenderRequest request, MergeWorkerPods pods, PrintStream progress) {
        this.request = requireNonNull(request, "request is null");
        this.pods = requireNonNull(pods, "pods is null");
        this.progress = requireNonNull(progress, "progress is null");
        for (BatchStream stream : request.graph().streams()) {
            mergeTasks.put(stream.key(), AirflowDags.mergeDag(request, stream).tasks().get(0));
            locks.put(stream.key(), new ReentrantLock());
        }
    }

    /** The merge task of a stream, exactly as its rendered DAG runs it. */
    public AirflowDags.PodTask mergeTask(String stream) {
        AirflowDags.PodTask task = mergeTasks.get(stream);
        if (task == null) {
            throw new IllegalArgumentException("no batch-stream " + stream + "; the platform has " + mergeTasks.keySet());
        }
        return task;
    }

    /** Creates or evolves the platform's tables: {@code merge-worker reconcile}, with the merge tasks' environment. */
    public MergeWorkerPods.Run reconcile() throws Exception {
        AirflowDags.PodTask any = mergeTasks.values().iterator().next();
        List<String> arguments = new ArrayList<>(List.of("reconcile"));
        arguments.addAll(AirflowDags.graphArguments(request));
        MergeWorkerPods.Run run = pods.run(arguments, any.env());
        if (!run.succeeded()) {
            throw new IllegalStateException("merge-worker reconcile failed (exit " + run.exitCode() + "):\n" + run.output());
        }
        return run;
    }

    /** Runs one merge of the stream now, after the run in progress if there is one. */
    public MergeWorkerPods.Run merge(String stream) throws Exception {
        AirflowDags.PodTask task = mergeTask(stream);
        ReentrantLock lock = locks.get(stream);
        lock.lockInterruptibly();
        try {
            MergeWorkerPods.Run run = pods.run(task);
            synchronized (runs) {
                runs.add(run);
            }
            if (!run.succeeded()) {
                failures.incrementAndGet();
                progress.printf("local: merge of %s failed (exit %d); its log:%n%s%n", stream, run.exitCode(), run.output().strip());
            }
            return run;
        } finally {
            lock.unlock();
        }
    }

    /** One merge of every stream, one after the other. */
    public List<MergeWorkerPods.Run> mergeAll() throws Exception {
        List<MergeWorkerPods.Run> all = new ArrayList<>();
        for (String stream : mergeTasks.keySet()) {
            all.add(merge(stream));
        }
        return all;
    }

    /** Schedules every stream every {@code interval}, each starting a fraction of the interval after the last, as Airflow spreads them. */
    public synchronized void start(Duration interval) {
        if (timer != null) {
            throw new IllegalStateException("the scheduler is running already");
        }
        timer = Executors.newScheduledThreadPool(Math.min(2, mergeTasks.size()), r -> {
            Thread t = new Thread(r, "local-scheduler");
            t.setDaemon(true);
            return t;
        });
        long step = interval.toMillis() / mergeTasks.size();
        int i = 0;
        for (String stream : mergeTasks.keySet()) {
            timer.scheduleWithFixedDelay(() -> {
                try {
                    merge(stream);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } catch (Exception e) {
                    failures.incrementAndGet();
                    progress.println("local: merge of " + stream + " could not start: " + e.getMessage());
                }
            }, step * i++, interval.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /** Stops scheduling and waits for the runs in progress. */
    public synchronized void stop() throws InterruptedException {
        if (timer != null) {
            timer.shutdown();
            if (!timer.awaitTermination(2, TimeUnit.MINUTES)) {
                timer.shutdownNow();
            }
            timer = null;
        }
    }

    public List<MergeWorkerPods.Run> runs() {
        synchronized (runs) {
            return List.copyOf(runs);
        }
    }

    public int failures() {
        return failures.get();
    }

    @Override
    public void close() throws InterruptedException {
        if (timer != null) {
            timer.shutdownNow();
        }
        pods.close();
        stop();
    }
}
