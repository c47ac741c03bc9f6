package io.datasurface.modelservice;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.datasurface.cli.ExitCodes;
import io.datasurface.cli.UnusableInputException;
import io.datasurface.modelservice.governance.ChangeCheckRunner;
import io.datasurface.modelservice.governance.CheckReport;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "plan", mixinStandardHelpOptions = true, description = "Shows what a change will do on each platform once merged: batch-streams, DAGs, connectors, staging and "
        + "merge tables added, altered or removed. Exit 0 with a plan, 1 when either model has errors, 2 for unusable input.")
public class PlanCommand implements Callable<Integer> {

    @Mixin
    GitChangeOptions change;

    @Option(names = "--format", defaultValue = "text", description = "text or json (default: ${DEFAULT-VALUE}).")
    OutputFormat format;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        ChangeCheckRunner.PlanResult result;
        try {
            result = ChangeCheckRunner.plan(change.repoDir, change.base, change.head, change.modelPath());
        } catch (UnusableInputException e) {
            err.println("error: " + e.getMessage());
            return ExitCodes.UNUSABLE;
        }
        if (result.plan().isEmpty()) {
            result.problems().forEach(p -> err.println("error: " + p));
            return ExitCodes.REJECTED;
        }
        if (format == OutputFormat.json) {
            out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(CheckReport.planJson(result)));
        } else {
            CheckReport.planText(result).forEach(out::println);
        }
        return ExitCodes.OK;
    }
}
