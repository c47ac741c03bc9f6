package io.datasurface.modelservice.governance;

import io.datasurface.cli.UnusableInputException;
import io.datasurface.yaml.ModelFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.eclipse.jgit.errors.RepositoryNotFoundException;
import org.eclipse.jgit.errors.RevisionSyntaxException;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.treewalk.filter.PathFilter;

/**
 * Reads a model's YAML files straight from a commit of a git repository, without a checkout, so
 * that base and head of a change can be compared from one clone (a CI job's, or the service's).
 */
public final class GitModels implements AutoCloseable {
    private final Repository repository;
    private final Path repoDir;

    /** A model as it is at one commit. */
    public record Snapshot(String ref, String commit, ModelFiles files, List<NonFile> nonFiles) {
        public Snapshot {
            nonFiles = List.copyOf(nonFiles);
        }
    }

    /** An entry of the model folder that is not a plain file, such as a gitlink or a symbolic link, and what it is. */
    public record NonFile(String path, String kind) {
    }

    private GitModels(Path repoDir, Repository repository) {
        this.repoDir = repoDir;
        this.repository = repository;
    }

    /** Opens a work tree (with {@code .git}) or a bare repository. */
    public static GitModels open(Path repoDir) throws UnusableInputException {
        if (!Files.isDirectory(repoDir)) {
            throw new UnusableInputException("repository folder " + repoDir + " does not exist: give the folder of a git clone of the model repository");
        }
        try {
            Path dotGit = repoDir.resolve(".git");
            FileRepositoryBuilder builder = new FileRepositoryBuilder().setMustExist(true);
            builder.setGitDir(Files.exists(dotGit) ? dotGit.toFile() : repoDir.toFile());
            return new GitModels(repoDir, builder.build());
        } catch (RepositoryNotFoundException e) {
            throw new UnusableInputException(repoDir + " is not a git repository: give the folder of a git clone of the model repository");
        } catch (IOException e) {
            throw new UnusableInputException("cannot open git repository " + repoDir + ": " + e.getMessage());
        }
    }

    /**
     * The YAML files under {@code modelPath} (the repository root when empty) at {@code ref}, with
     * paths relative to that folder.
     */
    public Snapshot read(String ref, Optional<String> modelPath) throws UnusableInputException {
        String folder = modelPath.map(GitModels::normalizeFolder).orElse("");
        try (RevWalk walk = new RevWalk(repository)) {
            ObjectId id = repository.resolve(ref + "^{commit}");
            if (id == null) {
                throw new UnusableInputException("ref '" + ref + "' is not in " + repoDir + ": give a branch, tag or commit id that exists there "
                        + "(in CI, fetch the base branch first, e.g. git fetch origin main)");
            }
            RevCommit commit = walk.parseCommit(id);
            Map<String, String> files = new TreeMap<>();
            List<NonFile> nonFiles = new ArrayList<>();
            try (TreeWalk tree = new TreeWalk(repository)) {
                tree.addTree(commit.getTree());
                tree.setRecursive(true);
                if (!folder.isEmpty()) {
                    tree.setFilter(PathFilter.create(folder));
                }
                while (tree.next()) {
                    String path = tree.getPathString();
                    String relative = folder.isEmpty() ? path : path.substring(folder.length() + 1);
                    FileMode mode = tree.getFileMode(0);
                    if (mode != FileMode.REGULAR_FILE && mode != FileMode.EXECUTABLE_FILE) {
                        // A gitlink's object is in another repository and a link's target is not the file: neither can be read as one.
                        nonFiles.add(new NonFile(relative, mode == FileMode.GITLINK ? "gitlink (a submodule)" : mode == FileMode.SYMLINK
                                ? "symbolic link" : "non-file entry"));
                    } else if (path.endsWith(".yaml") || path.endsWith(".yml")) {
                        files.put(relative, new String(repository.open(tree.getObjectId(0)).getBytes(), StandardCharsets.UTF_8));
                    }
                }
            }
            if (!folder.isEmpty() && files.isEmpty() && nonFiles.isEmpty()) {
                throw new UnusableInputException("model path '" + folder + "' holds no YAML files at " + ref
                        + ": give the folder (relative to the repository root) that holds ecosystem.yaml");
            }
            return new Snapshot(ref, commit.getName(), ModelFiles.of(repoDir + "@" + ref + (folder.isEmpty() ? "" : ":" + folder), files), nonFiles);
        } catch (IOException | RevisionSyntaxException e) {
            throw new UnusableInputException("cannot read ref '" + ref + "' from " + repoDir + ": " + e.getMessage());
        }
    }

    /** A model folder as git names it: forward slashes, no leading {@code ./}, no trailing {@code /}; the root is empty. */
    public static String normalizeFolder(String path) {
        String p = path.replace('\\', '/');
        while (p.startsWith("./")) {
            p = p.substring(2);
        }
        while (p.endsWith("/")) {
            p = p.substring(0, p.length() - 1);
        }
        return p.equals(".") ? "" : p;
    }

    @Override
    public void close() {
        repository.close();
    }
}
