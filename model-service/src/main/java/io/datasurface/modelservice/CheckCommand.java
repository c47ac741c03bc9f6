package io.datasurface.modelservice;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.datasurface.cli.ExitCodes;
import io.datasurface.cli.UnusableInputException;
import io.datasurface.governance.Repositories;
import io.datasurface.model.Repository;
import io.datasurface.modelservice.governance.ChangeCheckRunner;
import io.datasurface.modelservice.governance.CheckReport;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
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

    @Option(names = "--format", defaultValue = "text", description = "text or json (default: ${DEFAULT-VALUE}).")
    OutputFormat format;

    @Spec
    CommandSpec spec;

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
        if (format == OutputFormat.json) {
            out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(CheckReport.json(result)));
        } else {
            CheckReport.text(result).forEach(out::println);
        }
        return result.check().accepted() ? ExitCodes.OK : ExitCodes.REJECTED;
    }
}
