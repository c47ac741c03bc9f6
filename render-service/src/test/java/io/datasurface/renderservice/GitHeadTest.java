package io.datasurface.renderservice;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GitHeadTest {
    static final String SHA = "9fceb02d0ae598e95dc970b74767f19372d61af8";

    @TempDir
    Path dir;

    @Test
    void branchCheckedOutIsReadFromItsLooseRefFromASubfolder() throws Exception {
        Path git = Files.createDirectories(dir.resolve(".git/refs/heads"));
        Files.writeString(dir.resolve(".git/HEAD"), "ref: refs/heads/main\n");
        Files.writeString(git.resolve("main"), SHA + "\n");

        assertThat(GitHead.of(Files.createDirectories(dir.resolve("models/acme")))).contains(SHA);
    }

    @Test
    void branchIsReadFromPackedRefs() throws Exception {
        Files.createDirectories(dir.resolve(".git"));
        Files.writeString(dir.resolve(".git/HEAD"), "ref: refs/heads/main\n");
        Files.writeString(dir.resolve(".git/packed-refs"), "# pack-refs with: peeled fully-peeled sorted\n" + SHA + " refs/heads/main\n");

        assertThat(GitHead.of(dir)).contains(SHA);
    }

    @Test
    void linkedWorkTreeAsGitSyncMakesItGivesItsDetachedCommit() throws Exception {
        Path worktreeGit = Files.createDirectories(dir.resolve("root/.git/worktrees/" + SHA));
        Files.writeString(worktreeGit.resolve("HEAD"), SHA + "\n");
        Files.writeString(worktreeGit.resolve("commondir"), "../..\n");
        Path worktree = Files.createDirectories(dir.resolve("root/.worktrees/" + SHA));
        Files.writeString(worktree.resolve(".git"), "gitdir: " + worktreeGit + "\n");
        Path link = Files.createSymbolicLink(dir.resolve("root/current"), worktree);

        assertThat(GitHead.of(link)).contains(SHA);
    }

    @Test
    void folderInNoWorkTreeHasNoCommit() {
        assertThat(GitHead.of(dir)).isEmpty();
    }
}
