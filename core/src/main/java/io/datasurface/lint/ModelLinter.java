package io.datasurface.lint;

import io.datasurface.diagnostics.Problem;
import io.datasurface.diagnostics.ProblemCollector;
import io.datasurface.model.Ecosystem;
import io.datasurface.model.SourceMap;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Checks a loaded model against every lint rule in one pass and returns all problems, errors
 * first, each located in its file.
 */
public final class ModelLinter {
    private ModelLinter() {
    }

    public static List<Problem> lint(Ecosystem ecosystem, SourceMap sources) {
        // The rules only read the model, so they run side by side; their problems are joined in rule order, as one collector
        // passed from rule to rule would hold them, so that the stable sort below keeps problems it ranks equal in that order.
        List<Problem> sorted = new ArrayList<>();
        LintRule.ALL.parallelStream().map(rule -> {
            ProblemCollector problems = new ProblemCollector(sources);
            rule.check(ecosystem, problems);
            return problems.problems();
        }).toList().forEach(sorted::addAll);
        sorted.sort(Comparator.comparing(Problem::severity)
                .thenComparing(p -> p.location().map(l -> l.file()).orElse(""))
                .thenComparing(p -> p.location().map(l -> l.line()).orElse(0))
                .thenComparing(p -> p.path().toString()));
        return sorted;
    }
}
