package io.datasurface.lint;

import io.datasurface.diagnostics.ProblemCollector;
import io.datasurface.model.Ecosystem;
import java.util.List;

/** One lint rule; each reports every breach it finds, never only the first. */
public interface LintRule {
    List<LintRule> ALL = List.of(new NameRule(), new ReferenceRule(), new DatasetRule(), new PolicyRule(), new PlatformRule());

    void check(Ecosystem ecosystem, ProblemCollector problems);
}
