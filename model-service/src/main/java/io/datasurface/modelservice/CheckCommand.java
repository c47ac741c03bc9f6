package io.datasurface.modelservice;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.datasurface.cli.ExitCodes;
import io.datasurface.cli.UnusableInputException;
import io.datasurface.governance.Repositories;
import io.datasurface.model.Repository;
import io.datasurface.modelservice.governance.ChangeCheckRunner;
import io.datasurface.modelservice.governance.ChangeEvents;
import io.datasurface.modelservice.governance.CheckReport;
import jakarta.inject.Inject;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "check", mixinStandardHelpOptions = true, description = "Checks a proposed change (head) against the live model (base) for the repository that proposes it. "
        + "Exit 0 accepted, 1 rejected, 2 unusable input.")
public class CheckCommand implements Callable<Integer> {

    @Mixin
    GitChangeOptions change;

    @Option(names = "--source", required = true, paramLabel = "URL@BRANCH", description = "The repository and branch proposing the change.")
    String source;

    @Option(names = "--format", defaultValue = "text", description = "text, json or sarif (SARIF 2.1.0, for code scanning) (default: ${DEFAULT-VALUE}).")
    ReportFormat format;

    @Option(names = "--publish", description = "Also publish ChangeAccepted or ChangeRejected to the events topic (kafka.bootstrap.servers, "
            + "datasurface.topics.events; environment KAFKA_BOOTSTRAP_SERVERS). The answer and exit code do not depend on it.")
    boolean publish;

    @Spec
    CommandSpec spec;

    @ConfigProperty(name = "quarkus.application.version", defaultValue = "unknown")
    String version;

    @Inject
    ChangeEvents events;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Repository proposer;
        try {
            proposer = Repositories.parse(source);
        } catch (IllegalArgumentException e) {
            err.println("error: " + e.getMessage());
            return ExitCodes.UNUSABLE;
        }
        ChangeCheckRunner.Result result;
        try {
            result = ChangeCheckRunner.check(change.repoDir, change.base, change.head, proposer, change.modelPath());
        } catch (UnusableInputException e) {
            err.println("error: " + e.getMessage());
            return ExitCodes.UNUSABLE;
        }
        if (format == ReportFormat.sarif) {
            out.println(SarifReport.check(result, change.modelPath(), version));
        } else if (format == ReportFormat.json) {
            out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(CheckReport.json(result)));
        } else {
            CheckReport.text(result).forEach(out::println);
        }
        if (publish && !events.publish(result)) {
            err.println("warning: the answer was not published to the events topic " + events.describe());
        }
        return result.check().accepted() ? ExitCodes.OK : ExitCodes.REJECTED;
    }
}
