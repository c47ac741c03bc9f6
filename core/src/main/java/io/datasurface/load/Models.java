package io.datasurface.load;

import io.datasurface.diagnostics.Problem;
import io.datasurface.lint.ModelLinter;
import io.datasurface.yaml.LoadedModel;
import io.datasurface.yaml.ModelFiles;
import io.datasurface.yaml.ModelLoadException;
import io.datasurface.yaml.ModelLoader;
import io.datasurface.yaml.ParsedFileCache;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The one way a command or service reads a model: load its files, then lint what loaded, so that
 * nothing acts on a model that was only parsed. Tests of the reader alone use {@link ModelLoader}.
 */
public final class Models {
    private Models() {
    }

    /** Loads the model and lints it; the result holds the load problems and the lint problems together. */
    public static LoadedModel loadAndLint(ModelFiles files) throws ModelLoadException {
        LoadedModel loaded = ModelLoader.load(files);
        return loaded.ecosystem().isEmpty() ? loaded : withLint(loaded);
    }

    /** Loads and lints, parsing only the files whose text is not already in the cache. */
    public static LoadedModel loadAndLint(ModelFiles files, ParsedFileCache cache) throws ModelLoadException {
        LoadedModel loaded = ModelLoader.load(files, cache);
        return loaded.ecosystem().isEmpty() ? loaded : withLint(loaded);
    }

    private static LoadedModel withLint(LoadedModel loaded) {
        List<Problem> all = new ArrayList<>(loaded.problems());
        all.addAll(ModelLinter.lint(loaded.ecosystem().get(), loaded.sources()));
        return new LoadedModel(loaded.ecosystem(), loaded.sources(), all);
    }

    public static LoadedModel loadAndLint(Path folder) throws ModelLoadException {
        return loadAndLint(ModelFiles.fromDirectory(folder));
    }
}
