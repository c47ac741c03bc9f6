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
        ProblemCollector problems = new ProblemCollector(sources);
        for (LintRule rule : LintRule.ALL) {
            rule.check(ecosystem, problems);
        }
        List<Problem> sorted = new ArrayList<>(problems.problems());
        sorted.sort(Comparator.comparing(Problem::severity)
                .thenComparing(p -> p.location().map(l -> l.file()).orElse(""))
                .thenComparing(p -> p.location().map(l -> l.line()).orElse(0))
                .thenComparing(p -> p.path().toString()));
        return sorted;
    }
}
