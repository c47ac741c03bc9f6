package io.datasurface.modelservice.governance;

import io.datasurface.testfixtures.Examples;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.ResetCommand;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.dircache.DirCache;
import org.eclipse.jgit.dircache.DirCacheEditor;
import org.eclipse.jgit.dircache.DirCacheEntry;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.PersonIdent;

/**
 * A real git repository in a temporary folder holding a copy of the acme example, to which a test
 * makes commits the way pull requests would arrive.
 */
public final class TestingModelRepository implements AutoCloseable {
    private static final PersonIdent AUTHOR = new PersonIdent("DataSurface test", "test@datasurface.invalid");
    private final Path dir;
    private final Git git;

    private TestingModelRepository(Path dir, Git git) {
        this.dir = dir;
        this.git = git;
    }

    /** A repository whose first commit on {@code main} is the acme model under {@code modelPath} ("" for the root). */
    public static TestingModelRepository withAcme(String modelPath) {
        try {
            Path dir = Files.createTempDirectory("ds-model-repo");
            Git git = Git.init().setDirectory(dir.toFile()).setInitialBranch("main").call();
            Path target = modelPath.isEmpty() ? dir : dir.resolve(modelPath);
            Path source = Examples.acme();
            try (Stream<Path> files = Files.walk(source)) {
                for (Path p : files.filter(Files::isRegularFile).toList()) {
                    Path to = target.resolve(source.relativize(p).toString());
                    Files.createDirectories(to.getParent());
                    Files.copy(p, to);
                }
            }
            Files.writeString(dir.resolve("README.md"), "not part of the model\n");
            TestingModelRepository repo = new TestingModelRepository(dir, git);
            repo.commit("acme model");
            return repo;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GitAPIException e) {
            throw new IllegalStateException(e);
        }
    }

    public Path dir() {
        return dir;
    }

    public String read(String file) {
        try {
            return Files.readString(dir.resolve(file), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Replaces exact text in a file of the work tree; the text must be there. */
    public TestingModelRepository edit(String file, String from, String to) {
        String text = read(file);
        if (!text.contains(from)) {
            throw new IllegalArgumentException(file + " does not contain: " + from);
        }
        return write(file, text.replace(from, to));
    }

    public TestingModelRepository write(String file, String text) {
        try {
            Path p = dir.resolve(file);
            Files.createDirectories(p.getParent());
            Files.writeString(p, text, StandardCharsets.UTF_8);
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public TestingModelRepository delete(String file) {
        try {
            Files.delete(dir.resolve(file));
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Commits every change of the work tree (additions and removals) and returns the commit id. */
    public String commit(String message) {
        try {
            git.add().addFilepattern(".").call();
            git.add().addFilepattern(".").setUpdate(true).call();
            return git.commit().setMessage(message).setAuthor(AUTHOR).setCommitter(AUTHOR).call().getName();
        } catch (GitAPIException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Commits a gitlink (a submodule entry) at {@code path}, as a proposal pointing into another repository would. */
    public String commitGitlink(String path, String message) {
        try {
            DirCache index = git.getRepository().lockDirCache();
            DirCacheEditor editor = index.editor();
            editor.add(new DirCacheEditor.PathEdit(path) {
                @Override
                public void apply(DirCacheEntry entry) {
                    entry.setFileMode(FileMode.GITLINK);
                    entry.setObjectId(ObjectId.fromString("0123456789abcdef0123456789abcdef01234567"));
                }
            });
            editor.commit();
            return git.commit().setMessage(message).setAuthor(AUTHOR).setCommitter(AUTHOR).call().getName();
        } catch (IOException | GitAPIException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Replaces {@code file} by a symbolic link to {@code target} in the work tree. */
    public TestingModelRepository symlink(String file, String target) {
        try {
            Files.delete(dir.resolve(file));
            Files.createSymbolicLink(dir.resolve(file), Path.of(target));
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Moves the branch and the work tree back to a commit, as when a pull request is closed unmerged. */
    public void resetTo(String commit) {
        try {
            git.reset().setMode(ResetCommand.ResetType.HARD).setRef(commit).call();
        } catch (GitAPIException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        git.close();
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
