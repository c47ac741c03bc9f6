package io.datasurface.yaml;

import static java.util.Objects.requireNonNull;

import io.datasurface.diagnostics.Problem;
import io.datasurface.model.Ecosystem;
import io.datasurface.model.SourceMap;
import java.util.List;
import java.util.Optional;

/**
 * The result of loading a model folder: the ecosystem when every file could be read, where each
 * object was defined, and the problems found while reading.
 */
public record LoadedModel(Optional<Ecosystem> ecosystem, SourceMap sources, List<Problem> problems) {
    public LoadedModel {
        requireNonNull(ecosystem, "ecosystem is null");
        requireNonNull(sources, "sources is null");
        problems = List.copyOf(requireNonNull(problems, "problems is null"));
    }

    public boolean hasErrors() {
        return ecosystem.isEmpty() || problems.stream().anyMatch(Problem::isError);
    }

    public List<Problem> errors() {
        return problems.stream().filter(Problem::isError).toList();
    }

    /**
     * The ecosystem of a model without errors, for the commands that act on it.
     *
     * @throws InvalidModelException listing the errors otherwise
     */
    public Ecosystem requireValid() throws InvalidModelException {
        if (hasErrors()) {
            throw new InvalidModelException(errors());
        }
        return ecosystem.orElseThrow();
    }
}
