package io.datasurface.merge;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.datasurface.cli.ExitCodes;
import io.datasurface.cli.UnusableInputException;
import io.datasurface.kpsg.BatchStream;
import io.datasurface.kpsg.IngestedDataset;
import io.datasurface.kpsg.IntentionGraph;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(name = "tables", mixinStandardHelpOptions = true, description = "Prints every dataset's staging and merge table as JSON.")
public class TablesCommand implements Callable<Integer> {
    @Mixin
    PlatformModel model;

    @Spec
    CommandSpec spec;

    /** One dataset's tables, schema-qualified. */
    public record DatasetTables(String stream, String datastore, String dataset, String milestoning, String topic, String staging,
            String merge) {
    }

    public record Tables(String platform, String schema, List<DatasetTables> datasets) {
    }

    @Override
    public Integer call() throws JsonProcessingException {
        IntentionGraph graph;
        try {
            graph = model.graph();
        } catch (UnusableInputException e) {
            spec.commandLine().getErr().println("error: " + e.getMessage());
            return ExitCodes.UNUSABLE;
        }
        List<DatasetTables> datasets = new ArrayList<>();
        for (BatchStream s : graph.streams()) {
            for (IngestedDataset d : s.datasets()) {
                datasets.add(new DatasetTables(s.key(), d.datastore(), d.name(), s.milestoning().yamlName(), d.topic(),
                        graph.schema() + "." + d.stagingTable(), graph.schema() + "." + d.mergeTable()));
            }
        }
        spec.commandLine().getOut().println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
                .writeValueAsString(new Tables(graph.platform().name(), graph.schema(), datasets)));
        return ExitCodes.OK;
    }
}
