package io.datasurface.notifier;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.datasurface.cli.ExitCodes;
import io.datasurface.events.CloudEvents;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Shows what would be posted, without Kafka or Slack: for reviewing message formats (paste the blocks into Slack's Block Kit Builder). */
@Command(name = "preview", mixinStandardHelpOptions = true, description = "Prints the Slack webhook body of each CloudEvent (one JSON a line) "
        + "of FILE, or of standard input. Exit 0 all formatted, 2 a line is not a DataSurface CloudEvent.")
public class PreviewCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Parameters(arity = "0..1", paramLabel = "FILE", description = "CloudEvents in structured JSON, one a line (default: standard input).")
    Path file;

    @Option(names = "--channel", defaultValue = "#data-platform", paramLabel = "CHANNEL", description = "The channel to address (default: ${DEFAULT-VALUE}).")
    String channel;

    @Option(names = "--list-limit", defaultValue = "10", paramLabel = "N", description = "Items of a list shown before the rest is counted.")
    int listLimit;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        List<String> lines = file == null
                ? new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).lines().toList()
                : Files.readAllLines(file, StandardCharsets.UTF_8);
        SlackMessages messages = new SlackMessages(listLimit);
        for (String line : lines) {
            if (line.isBlank()) {
                continue;
            }
            try {
                String payload = messages.format(CloudEvents.fromJson(line)).payload(channel);
                out.println(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(JSON.readTree(payload)));
            } catch (IllegalArgumentException e) {
                spec.commandLine().getErr().println("error: " + e.getMessage());
                return ExitCodes.UNUSABLE;
            }
        }
        return ExitCodes.OK;
    }
}
