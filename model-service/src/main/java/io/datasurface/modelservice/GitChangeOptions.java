package io.datasurface.modelservice;

import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Option;

/** Where a proposed change is: the model repository, the live and the proposed refs, and the model's folder in it. */
public class GitChangeOptions {

    @Option(names = "--repo-dir", required = true, paramLabel = "GITDIR", description = "A clone of the model repository (work tree or bare).")
    Path repoDir;

    @Option(names = "--base", required = true, paramLabel = "REF", description = "The live model: a branch, tag or commit, e.g. origin/main.")
    String base;

    @Option(names = "--head", required = true, paramLabel = "REF", description = "The proposed model: a branch, tag or commit.")
    String head;

    @Option(names = "--model-path", paramLabel = "SUBDIR", description = "The folder holding ecosystem.yaml, when it is not the repository root.")
    String modelPath;

    Optional<String> modelPath() {
        return Optional.ofNullable(modelPath);
    }
}
