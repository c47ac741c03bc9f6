package io.datasurface.modelservice;

import io.datasurface.cli.ExitCodes;
import io.datasurface.kpsg.BatchStream;
import io.datasurface.kpsg.IngestedDataset;
import io.datasurface.kpsg.IntentionGraph;
import io.datasurface.load.Models;
import io.datasurface.load.PlatformResolver;
import io.datasurface.load.UnknownPlatformException;
import io.datasurface.model.DataPlatform;
import io.datasurface.model.Ecosystem;
import io.datasurface.yaml.InvalidModelException;
import io.datasurface.yaml.ModelLoadException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "graph", mixinStandardHelpOptions = true, description = "Prints each platform's batch-streams with their tables. Exit 1 when the model has errors, 2 for unusable input.")
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
            ecosystem = Models.loadAndLint(folder).requireValid();
        } catch (ModelLoadException e) {
            err.println("error: " + e.getMessage());
            return ExitCodes.UNUSABLE;
        } catch (InvalidModelException e) {
            err.println("error: " + e.getMessage());
            return ExitCodes.REJECTED;
        }
        List<String> names = platform == null ? ecosystem.platforms().stream().map(DataPlatform::name).toList() : List.of(platform);
        for (String name : names) {
            IntentionGraph graph;
            try {
                graph = PlatformResolver.graph(ecosystem, name);
            } catch (UnknownPlatformException e) {
                err.println("error: " + e.getMessage());
                return ExitCodes.UNUSABLE;
            }
            out.println("platform " + name + " (" + graph.platform().kind() + "), schema \"" + graph.schema() + "\": "
                    + graph.streams().size() + " batch-stream(s)");
            for (BatchStream stream : graph.streams()) {
                out.println("  stream " + stream.key() + "  [" + stream.describe() + "]");
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
