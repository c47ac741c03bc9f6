package io.datasurface.modelservice.governance;

import io.datasurface.cli.UnusableInputException;
import io.datasurface.diagnostics.Problem;
import io.datasurface.diagnostics.Severity;
import io.datasurface.governance.ChangeCheck;
import io.datasurface.governance.ChangeChecker;
import io.datasurface.governance.Violation;
import io.datasurface.load.Models;
import io.datasurface.model.Ecosystem;
import io.datasurface.model.ObjectPath;
import io.datasurface.model.Repository;
import io.datasurface.model.SourceMap;
import io.datasurface.plan.ChangePlan;
import io.datasurface.yaml.InvalidModelException;
import io.datasurface.yaml.LoadedModel;
import io.datasurface.yaml.ModelLoadException;
import io.datasurface.yaml.ParsedFileCache;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Runs the governance check and the change plan on two commits of a model repository. The command
 * line and the REST endpoint both call it, so they give the same answer. The head commit is read
 * through the files parsed for the base, so a change pays for parsing only the files it touches.
 */
public final class ChangeCheckRunner {
    private ChangeCheckRunner() {
    }

    /** A check's answer with the commits it compared. */
    public record Result(String baseCommit, String headCommit, ChangeCheck check) {
    }

    /** A plan with the commits it compared; {@code problems} holds the errors when either model is not valid. */
    public record PlanResult(String baseCommit, String headCommit, Optional<ChangePlan> plan, List<String> problems) {
    }

    public static Result check(Path repoDir, String base, String head, Repository source, Optional<String> modelPath) throws UnusableInputException {
        try (GitModels git = GitModels.open(repoDir)) {
            GitModels.Snapshot baseFiles = git.read(base, modelPath);
            GitModels.Snapshot headFiles = git.read(head, modelPath);
            ParsedFileCache parsed = new ParsedFileCache();
            LoadedModel live;
            try {
                live = Models.loadAndLint(baseFiles.files(), parsed);
            } catch (ModelLoadException e) {
                throw new UnusableInputException("the live model at " + base + " cannot be read, so no change can be judged against it: "
                        + e.getMessage() + " (check --base and --model-path)");
            }
            if (live.ecosystem().isEmpty()) {
                throw new UnusableInputException("the live model at " + base + " cannot be read, so no change can be judged against it:\n  "
                        + String.join("\n  ", live.errors().stream().map(Problem::toString).toList()));
            }
            LoadedModel proposed;
            try {
                proposed = Models.loadAndLint(headFiles.files(), parsed);
            } catch (ModelLoadException e) {
                // A proposal that does not parse is a rejected change, not a broken check.
                proposed = new LoadedModel(Optional.empty(), SourceMap.EMPTY,
                        List.of(new Problem(Severity.ERROR, "load", ObjectPath.ROOT, Optional.empty(), e.getMessage())));
            }
            ChangeCheck check = ChangeChecker.check(live.ecosystem().get(), live.sources(), proposed, source, baseFiles.files(), headFiles.files());
            if (!headFiles.nonFiles().isEmpty()) {
                List<Violation> violations = new ArrayList<>(check.violations());
                headFiles.nonFiles().forEach(n -> violations.add(new Violation.NotAFile(n.path(), n.kind(), source)));
                check = new ChangeCheck(source, check.changes(), violations);
            }
            return new Result(baseFiles.commit(), headFiles.commit(), check);
        }
    }

    public static PlanResult plan(Path repoDir, String base, String head, Optional<String> modelPath) throws UnusableInputException {
        try (GitModels git = GitModels.open(repoDir)) {
            GitModels.Snapshot baseFiles = git.read(base, modelPath);
            GitModels.Snapshot headFiles = git.read(head, modelPath);
            List<String> problems = new ArrayList<>();
            ParsedFileCache parsed = new ParsedFileCache();
            Optional<Ecosystem> before = valid(baseFiles, problems, parsed);
            Optional<Ecosystem> after = valid(headFiles, problems, parsed);
            Optional<ChangePlan> plan = before.isPresent() && after.isPresent()
                    ? Optional.of(ChangePlan.between(before.get(), after.get())) : Optional.empty();
            return new PlanResult(baseFiles.commit(), headFiles.commit(), plan, problems);
        }
    }

    /** Intention graphs are built only from valid models; otherwise the errors say what to fix first. */
    private static Optional<Ecosystem> valid(GitModels.Snapshot snapshot, List<String> problems, ParsedFileCache parsed) throws UnusableInputException {
        try {
            return Optional.of(Models.loadAndLint(snapshot.files(), parsed).requireValid());
        } catch (ModelLoadException e) {
            throw new UnusableInputException("the model at " + snapshot.ref() + " cannot be read: " + e.getMessage());
        } catch (InvalidModelException e) {
            problems.add("the model at " + snapshot.ref() + ": " + e.getMessage());
            return Optional.empty();
        }
    }
}
