package io.datasurface.governance;

import static java.util.Objects.requireNonNull;

import io.datasurface.diagnostics.Problem;
import io.datasurface.model.ObjectPath;
import io.datasurface.model.Repository;
import io.datasurface.model.SourceLocation;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * One reason a proposed change is rejected. Each names the object, what changed there, the
 * repository that may change it (when one can) and the repository that tried.
 */
public sealed interface Violation {

    /** The rule's short name, as shown in brackets: {@code lint}, {@code source}, {@code ownership}, {@code schema}, {@code in-use}. */
    String rule();

    ObjectPath path();

    /** What changed, and how to fix it. */
    String change();

    /** The repository that may make this change; empty when no repository may. */
    Optional<Repository> owner();

    Repository tried();

    /** Where in the model files, when known. */
    Optional<SourceLocation> location();

    /** The head model has an error; the owner of the part where it is must fix it. */
    record LintError(Problem problem, Repository ownerOfPart, Repository tried) implements Violation {
        public LintError {
            requireNonNull(problem, "problem is null");
            requireNonNull(ownerOfPart, "ownerOfPart is null");
            requireNonNull(tried, "tried is null");
        }

        @Override
        public String rule() {
            return "lint";
        }

        @Override
        public ObjectPath path() {
            return problem.path();
        }

        @Override
        public String change() {
            return "[" + problem.rule() + "] " + problem.message();
        }

        @Override
        public Optional<Repository> owner() {
            return Optional.of(ownerOfPart);
        }

        @Override
        public Optional<SourceLocation> location() {
            return problem.location();
        }
    }

    /** The proposing repository owns nothing in the live model, so it may change nothing. */
    record UnknownSource(Repository tried, List<Repository> owners) implements Violation {
        public UnknownSource {
            requireNonNull(tried, "tried is null");
            owners = List.copyOf(requireNonNull(owners, "owners is null"));
        }

        @Override
        public String rule() {
            return "source";
        }

        @Override
        public ObjectPath path() {
            return ObjectPath.ROOT;
        }

        @Override
        public String change() {
            return "the proposing repository owns nothing in the live model; repositories match by URL (scheme and host case, "
                    + "a trailing .git or / aside) and exact branch. Owners are: "
                    + owners.stream().map(Repository::toString).distinct().collect(Collectors.joining(", "));
        }

        @Override
        public Optional<Repository> owner() {
            return Optional.empty();
        }

        @Override
        public Optional<SourceLocation> location() {
            return Optional.empty();
        }
    }

    /** A part was changed from a repository that does not own it. */
    record UnauthorizedChange(ModelChange modelChange, Repository ownerOfPart, Repository tried, Optional<SourceLocation> location)
            implements Violation {
        public UnauthorizedChange {
            requireNonNull(modelChange, "modelChange is null");
            requireNonNull(ownerOfPart, "ownerOfPart is null");
            requireNonNull(tried, "tried is null");
            requireNonNull(location, "location is null");
        }

        @Override
        public String rule() {
            return "ownership";
        }

        @Override
        public ObjectPath path() {
            return modelChange.path();
        }

        @Override
        public String change() {
            return modelChange.description();
        }

        @Override
        public Optional<Repository> owner() {
            return Optional.of(ownerOfPart);
        }
    }

    /** A dataset's schema changed in a way its consumers cannot follow. */
    record IncompatibleSchema(ObjectPath path, String change, Repository ownerOfPart, Repository tried, Optional<SourceLocation> location)
            implements Violation {
        public IncompatibleSchema {
            requireNonNull(path, "path is null");
            requireNonNull(change, "change is null");
            requireNonNull(ownerOfPart, "ownerOfPart is null");
            requireNonNull(tried, "tried is null");
            requireNonNull(location, "location is null");
        }

        @Override
        public String rule() {
            return "schema";
        }

        @Override
        public Optional<Repository> owner() {
            return Optional.of(ownerOfPart);
        }
    }

    /** A dataset or datastore was removed while workspaces still consume it. */
    record RemovedWhileUsed(ObjectPath path, String change, Repository ownerOfPart, Repository tried, Optional<SourceLocation> location)
            implements Violation {
        public RemovedWhileUsed {
            requireNonNull(path, "path is null");
            requireNonNull(change, "change is null");
            requireNonNull(ownerOfPart, "ownerOfPart is null");
            requireNonNull(tried, "tried is null");
            requireNonNull(location, "location is null");
        }

        @Override
        public String rule() {
            return "in-use";
        }

        @Override
        public Optional<Repository> owner() {
            return Optional.of(ownerOfPart);
        }
    }

    /**
     * The bytes of a file changed (a comment, the $schema line, formatting) from a repository that
     * does not own the part the file holds, even where the model stayed equal: every byte of a part's
     * file is its owner's.
     */
    record ForeignFileEdit(String file, ObjectPath path, Repository ownerOfPart, Repository tried) implements Violation {
        public ForeignFileEdit {
            requireNonNull(file, "file is null");
            requireNonNull(path, "path is null");
            requireNonNull(ownerOfPart, "ownerOfPart is null");
            requireNonNull(tried, "tried is null");
        }

        @Override
        public String rule() {
            return "ownership";
        }

        @Override
        public String change() {
            return "file " + file + " was edited; a part's file belongs to its owner byte for byte: propose the edit from the owner's "
                    + "repository, or leave the file as it is";
        }

        @Override
        public Optional<Repository> owner() {
            return Optional.of(ownerOfPart);
        }

        @Override
        public Optional<SourceLocation> location() {
            return Optional.of(SourceLocation.ofFile(file));
        }
    }

    /**
     * The proposal holds something other than a plain file where the model is read (a gitlink to
     * another repository, a symbolic link): its content is not in the proposal for anyone to review.
     */
    record NotAFile(String file, String kind, Repository tried) implements Violation {
        public NotAFile {
            requireNonNull(file, "file is null");
            requireNonNull(kind, "kind is null");
            requireNonNull(tried, "tried is null");
        }

        @Override
        public String rule() {
            return "layout";
        }

        @Override
        public ObjectPath path() {
            return ObjectPath.ROOT;
        }

        @Override
        public String change() {
            return file + " is a " + kind + ", not a file: the model folder holds plain files only; replace it with the file itself";
        }

        @Override
        public Optional<Repository> owner() {
            return Optional.empty();
        }

        @Override
        public Optional<SourceLocation> location() {
            return Optional.of(SourceLocation.ofFile(file));
        }
    }
}
