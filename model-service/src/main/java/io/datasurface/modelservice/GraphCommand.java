package io.datasurface.modelservice;

import io.datasurface.cli.ExitCodes;
import io.datasurface.kpsg.BatchStream;
import io.datasurface.kpsg.IngestedDataset;
import io.datasurface.kpsg.IntentionGraph;
import io.datasurface.kpsg.IntentionGraphBuilder;
import io.datasurface.lint.ModelLinter;
import io.datasurface.model.DataPlatform;
import io.datasurface.model.Ecosystem;
import io.datasurface.model.KubernetesPGStarter;
import io.datasurface.yaml.InvalidModelException;
import io.datasurface.yaml.ModelLoadException;
import io.datasurface.yaml.Durations;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "graph", description = "Prints each platform's batch-streams with their tables. Exit 1 when the model has errors, 2 for unusable input.")
public class GraphCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "DIR", description = "The model folder (it holds ecosystem.yaml).")
    Path folder;

    @Option(names = "--platform", paramLabel = "P", description = "Only this platform.")
    String platform;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Ecosystem ecosystem;
        try {
            ecosystem = ModelLinter.loadAndLint(folder).requireValid();
        } catch (ModelLoadException e) {
            err.println("error: " + e.getMessage());
            return ExitCodes.UNUSABLE;
        } catch (InvalidModelException e) {
            err.println("error: " + e.getMessage());
            return ExitCodes.REJECTED;
        }
        List<DataPlatform> platforms = platform == null ? ecosystem.platforms() : ecosystem.platform(platform).stream().toList();
        if (platforms.isEmpty()) {
            err.println("error: no platform named '" + platform + "'; the model has: "
                    + String.join(", ", ecosystem.platforms().stream().map(DataPlatform::name).toList()));
            return ExitCodes.UNUSABLE;
        }
        for (DataPlatform p : platforms) {
            IntentionGraph graph = IntentionGraphBuilder.build(ecosystem, (KubernetesPGStarter) p);
            out.println("platform " + p.name() + " (" + p.kind() + "), schema \"" + graph.schema() + "\": "
                    + graph.streams().size() + " batch-stream(s)");
            for (BatchStream stream : graph.streams()) {
                out.println("  stream " + stream.key() + "  [" + (stream.multiDataset() ? "multi-dataset" : "single-dataset") + ", "
                        + stream.milestoning().yamlName() + ", every " + Durations.format(stream.schedule()) + ", owner "
                        + stream.zone() + "/" + stream.team() + "]");
                for (IngestedDataset d : stream.datasets()) {
                    out.println("    dataset " + d.datastore() + "." + d.name() + "  topic " + d.topic());
                    out.println("      staging " + graph.schema() + "." + d.stagingTable());
                    out.println("      merge   " + graph.schema() + "." + d.mergeTable());
                }
            }
        }
        return ExitCodes.OK;
    }
}
