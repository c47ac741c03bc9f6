package io.datasurface.lint;

import io.datasurface.model.Ecosystem;
import io.datasurface.model.SourceMap;
import io.datasurface.yaml.LoadedModel;
import io.datasurface.yaml.ModelFiles;
import io.datasurface.yaml.ModelLoadException;
import io.datasurface.yaml.ModelLoader;
import java.nio.file.Path;
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

    /** Loads the model and lints it; the result holds the load problems and the lint problems together. */
    public static LoadedModel loadAndLint(ModelFiles files) throws ModelLoadException {
        LoadedModel loaded = ModelLoader.load(files);
        if (loaded.ecosystem().isEmpty()) {
            return loaded;
        }
        List<Problem> all = new ArrayList<>(loaded.problems());
        all.addAll(lint(loaded.ecosystem().get(), loaded.sources()));
        return new LoadedModel(loaded.ecosystem(), loaded.sources(), all);
    }

    public static LoadedModel loadAndLint(Path folder) throws ModelLoadException {
        return loadAndLint(ModelFiles.fromDirectory(folder));
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
