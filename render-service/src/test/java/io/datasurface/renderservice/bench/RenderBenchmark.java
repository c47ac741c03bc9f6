package io.datasurface.renderservice.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.datasurface.kpsg.BatchStream;
import io.datasurface.kpsg.IngestedDataset;
import io.datasurface.kpsg.IntentionGraph;
import io.datasurface.kpsg.IntentionGraphBuilder;
import io.datasurface.load.Models;
import io.datasurface.model.Ecosystem;
import io.datasurface.model.KubernetesPGStarter;
import io.datasurface.render.KpsgRenderer;
import io.datasurface.render.RenderRequest;
import io.datasurface.render.RenderSettings;
import io.datasurface.render.RenderedFile;
import io.datasurface.render.airflow.AirflowDags;
import io.datasurface.render.connect.SinkConnectors;
import io.datasurface.renderservice.RenderedOutput;
import io.datasurface.testing.BenchMachine;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Renders a platform with 10,000 batch-streams (each one dataset: a DAG and a connector in JSON and
 * Terraform) and prints the time, against a baseline measured in the same run on the same data:
 * building the same view objects and serialising them with Jackson, i.e. walking and printing the
 * graph without templates. Run from render-service/ (after installing core):
 * {@code ../mvnw -B -o test-compile exec:java -Dexec.classpathScope=test -Dexec.mainClass=io.datasurface.renderservice.bench.RenderBenchmark}
 */
public final class RenderBenchmark {
    private static final int STREAMS = 10_000;
    private static final int RUNS = 5;

    private RenderBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        // As in the service (quarkus.log.level=WARN): the test class path carries Quarkus's log manager,
        // which otherwise records every TRACE line of the template engine while no handler is set up.
        java.util.logging.Logger.getLogger("").setLevel(java.util.logging.Level.WARNING);
        Ecosystem ecosystem = Models.loadAndLint(Path.of("..", "examples", "acme")).requireValid();
        KubernetesPGStarter platform = (KubernetesPGStarter) ecosystem.platform("Prod").orElseThrow();
        IntentionGraph acme = IntentionGraphBuilder.build(ecosystem, platform);
        BatchStream template = acme.stream("orders_db.orders").orElseThrow();
        IngestedDataset dataset = template.datasets().get(0);
        List<BatchStream> streams = new ArrayList<>();
        for (int i = 0; i < STREAMS; i++) {
            String store = String.format("store_%05d", i);
            IngestedDataset d = new IngestedDataset(store, dataset.dataset(), "cdc." + store + "." + dataset.name(),
                    store + "_" + dataset.name() + "_staging", store + "_" + dataset.name() + "_merge", dataset.columns());
            streams.add(new BatchStream(store + "." + dataset.name(), template.zone(), template.team(), store, "cdc." + store + ".transaction", false,
                    template.milestoning(), template.schedule(), List.of(d)));
        }
        RenderRequest request = new RenderRequest(new IntentionGraph(platform, acme.schema(), streams, List.of()), "9fceb02d0ae598e95dc970b74767f19372d61af8",
                ecosystem.owner(), RenderSettings.DEFAULT);
        ObjectMapper mapper = new ObjectMapper();

        long[] render = new long[RUNS];
        long[] baseline = new long[RUNS];
        long[] write = new long[RUNS];
        // The process's cpu time (every thread: the parallel rendering, the compilers, the collector) beside the wall time,
        // which other processes on a shared machine stretch.
        long[] renderCpu = new long[RUNS];
        long[] baselineCpu = new long[RUNS];
        long bytes = 0;
        long baselineBytes = 0;
        int files = 0;
        Path out = Files.createTempDirectory("render-bench");
        for (int run = 0; run < RUNS; run++) {
            long cpu0 = processCpuNanos();
            long t0 = System.nanoTime();
            List<RenderedFile> rendered = KpsgRenderer.render(request);
            long t1 = System.nanoTime();
            renderCpu[run] = processCpuNanos() - cpu0;
            long size = 0;
            for (RenderedFile f : rendered) {
                size += f.content().length();
            }
            long cpu2 = processCpuNanos();
            long t2 = System.nanoTime();
            long jsonSize = 0;
            for (BatchStream s : request.graph().streams()) {
                jsonSize += mapper.writeValueAsString(AirflowDags.mergeDag(request, s)).length();
            }
            jsonSize += mapper.writeValueAsString(AirflowDags.systemDag(request)).length();
            for (SinkConnectors.Connector c : SinkConnectors.connectors(request.graph())) {
                jsonSize += mapper.writeValueAsString(c).length();
            }
            long t3 = System.nanoTime();
            baselineCpu[run] = processCpuNanos() - cpu2;
            RenderedOutput.write(out.resolve("run" + run), rendered, List.of());
            long t4 = System.nanoTime();
            render[run] = t1 - t0;
            baseline[run] = t3 - t2;
            write[run] = t4 - t3;
            bytes = size;
            baselineBytes = jsonSize;
            files = rendered.size();
            System.out.printf("run %d: render %6.0f ms (cpu %6.0f ms), baseline %6.0f ms (cpu %6.0f ms), write to disk %6.0f ms; load average %s%n",
                    run + 1, ms(render[run]), ms(renderCpu[run]), ms(baseline[run]), ms(baselineCpu[run]), ms(write[run]), BenchMachine.loadAverage());
        }
        System.out.println("machine: " + BenchMachine.describe());
        System.out.printf("%,d batch-streams -> %,d files, %,d chars (baseline JSON %,d chars)%n", STREAMS, files, bytes, baselineBytes);
        System.out.printf("render (templates, in memory): first %.0f ms (cpu %.0f ms), median %.0f ms (goal for the first, on a cold JVM: <= 2000 ms)%n",
                ms(render[0]), ms(renderCpu[0]), ms(median(render)));
        System.out.printf("baseline (same views, Jackson): first %.0f ms (cpu %.0f ms), median %.0f ms%n", ms(baseline[0]), ms(baselineCpu[0]),
                ms(median(baseline)));
        System.out.printf("ratio render/baseline (median): %.2f%n", (double) median(render) / median(baseline));
        System.out.printf("writing the files to disk: median %.0f ms%n", ms(median(write)));
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private static long median(long[] values) {
        long[] copy = values.clone();
        Arrays.sort(copy);
        return copy[copy.length / 2];
    }

    private static double ms(long nanos) {
        return nanos / 1_000_000.0;
    }
}
