package io.datasurface.modelservice;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.datasurface.cli.ExitCodes;
import io.datasurface.diagnostics.Problem;
import io.datasurface.diagnostics.Severity;
import io.datasurface.load.Models;
import io.datasurface.yaml.LoadedModel;
import io.datasurface.yaml.ModelLoadException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "lint", mixinStandardHelpOptions = true, description = "Checks a model folder and prints every problem. Exit 0 without errors, 1 with errors, 2 for unusable input.")
public class LintCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "DIR", description = "The model folder (it holds ecosystem.yaml).")
    Path folder;

    @Option(names = "--format", defaultValue = "text", description = "text, json or sarif (SARIF 2.1.0, for code scanning) (default: ${DEFAULT-VALUE}).")
    ReportFormat format;

    @Spec
    CommandSpec spec;

    @ConfigProperty(name = "quarkus.application.version", defaultValue = "unknown")
    String version;

    @Override
    public Integer call() throws Exception {
        LoadedModel model;
        try {
            model = Models.loadAndLint(folder);
        } catch (ModelLoadException e) {
            spec.commandLine().getErr().println("error: " + e.getMessage());
            return ExitCodes.UNUSABLE;
        }
        List<Problem> problems = model.problems();
        long errors = problems.stream().filter(Problem::isError).count();
        long warnings = problems.stream().filter(p -> p.severity() == Severity.WARNING).count();
        if (format == ReportFormat.sarif) {
            spec.commandLine().getOut().println(SarifReport.lint(folder, problems, version));
        } else if (format == ReportFormat.json) {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("model", folder.toString());
            out.put("errors", errors);
            out.put("warnings", warnings);
            out.put("problems", problems.stream().map(ProblemJson::of).toList());
            spec.commandLine().getOut().println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(out));
        } else {
            problems.forEach(p -> spec.commandLine().getOut().println(p));
            spec.commandLine().getOut().println(folder + ": " + errors + " error(s), " + warnings + " warning(s)");
        }
        return model.hasErrors() ? ExitCodes.REJECTED : ExitCodes.OK;
    }
}
