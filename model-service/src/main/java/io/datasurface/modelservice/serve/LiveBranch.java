package io.datasurface.modelservice.serve;

import static java.util.Objects.requireNonNull;

import io.datasurface.cli.UnusableInputException;
import io.datasurface.model.CredentialStore;
import io.datasurface.modelservice.governance.GitModels;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.transport.CredentialsProvider;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.UsernamePasswordCredentialsProvider;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.treewalk.filter.PathFilter;

/**
 * The live branch of the model repository, in a bare clone of its own: fetched on demand, read commit by commit
 * without a checkout. File texts are kept by git blob id, so a fetch that changed one file reads one file.
 */
public final class LiveBranch implements AutoCloseable {
    private final String url;
    private final String branch;
    private final String folder;
    private final Optional<CredentialsProvider> credentials;
    private final Git git;
    private Map<ObjectId, String> texts = Map.of();

    /** The YAML files of the model at one commit, with each file's blob id and a hash of them all. */
    public record Snapshot(String commit, String modelHash, SortedMap<String, String> files, SortedMap<String, ObjectId> blobs) {
        public Snapshot {
            requireNonNull(commit, "commit is null");
            requireNonNull(modelHash, "modelHash is null");
            files = new TreeMap<>(files);
            blobs = new TreeMap<>(blobs);
        }
    }

    private LiveBranch(String url, String branch, String folder, Optional<CredentialsProvider> credentials, Git git) {
        this.url = url;
        this.branch = branch;
        this.folder = folder;
        this.credentials = credentials;
        this.git = git;
    }

    /**
     * Opens the clone under {@code workDir}, cloning it first when it is not there yet.
     *
     * @throws UnusableInputException when the credential's variable is not set
     */
    public static LiveBranch open(ModelServiceConfig.LiveRepository repository, String url, Path workDir, Map<String, String> environment)
            throws UnusableInputException, IOException {
        Optional<CredentialsProvider> credentials = Optional.empty();
        if (repository.credential().isPresent()) {
            String variable = CredentialStore.KubernetesSecrets.environmentPrefix(repository.credential().get()) + "_TOKEN";
            String token = environment.get(variable);
            if (token == null || token.isEmpty()) {
                throw new UnusableInputException("environment variable " + variable + " is not set: it holds the token of the git credential '"
                        + repository.credential().get() + "' (datasurface.repository.credential)");
            }
            credentials = Optional.of(new UsernamePasswordCredentialsProvider(repository.username(), token));
        }
        Path gitDir = workDir.resolve("repository.git");
        Files.createDirectories(gitDir);
        Repository repo = new FileRepositoryBuilder().setGitDir(gitDir.toFile()).setBare().build();
        if (!Files.exists(gitDir.resolve("config"))) {
            repo.create(true);
        }
        String folder = repository.path().map(GitModels::normalizeFolder).orElse("");
        return new LiveBranch(url, repository.branch(), folder, credentials, new Git(repo));
    }

    /** Fetches the live branch and answers its commit. */
    public String fetch() throws GitAPIException, IOException {
        var fetch = git.fetch().setRemote(url).setRefSpecs(new RefSpec("+refs/heads/" + branch + ":refs/heads/" + branch));
        credentials.ifPresent(fetch::setCredentialsProvider);
        fetch.call();
        ObjectId head = git.getRepository().resolve("refs/heads/" + branch);
        if (head == null) {
            throw new IOException("branch " + branch + " is not in " + url);
        }
        return head.getName();
    }

    /** The model's files at a commit of the clone. */
    public Snapshot read(String commitId) throws IOException {
        Repository repo = git.getRepository();
        SortedMap<String, String> files = new TreeMap<>();
        SortedMap<String, ObjectId> blobs = new TreeMap<>();
        Map<ObjectId, String> read = new LinkedHashMap<>();
        try (RevWalk walk = new RevWalk(repo); TreeWalk tree = new TreeWalk(repo)) {
            RevCommit commit = walk.parseCommit(ObjectId.fromString(commitId));
            tree.addTree(commit.getTree());
            tree.setRecursive(true);
            if (!folder.isEmpty()) {
                tree.setFilter(PathFilter.create(folder));
            }
            while (tree.next()) {
                String path = tree.getPathString();
                if (!path.endsWith(".yaml") && !path.endsWith(".yml")) {
                    continue;
                }
                ObjectId blob = tree.getObjectId(0);
                String text = texts.get(blob);
                if (text == null) {
                    text = new String(repo.open(blob).getBytes(), StandardCharsets.UTF_8);
                }
                read.put(blob, text);
                String relative = folder.isEmpty() ? path : path.substring(folder.length() + 1);
                files.put(relative, text);
                blobs.put(relative, blob);
            }
        }
        texts = read;
        return new Snapshot(commitId, hash(blobs), files, blobs);
    }

    /** The repository as events name it: {@code URL@branch}. */
    public String describe() {
        return url + "@" + branch;
    }

    /** {@code sha256:} over each YAML file's path and blob id, so that a commit that touches no model file keeps the hash. */
    static String hash(SortedMap<String, ObjectId> blobs) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            blobs.forEach((path, blob) -> {
                digest.update(path.getBytes(StandardCharsets.UTF_8));
                digest.update((byte) 0);
                digest.update(blob.getName().getBytes(StandardCharsets.US_ASCII));
                digest.update((byte) '\n');
            });
            return "sha256:" + HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    @Override
    public void close() {
        git.close();
    }
}
