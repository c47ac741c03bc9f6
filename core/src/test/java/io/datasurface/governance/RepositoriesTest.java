package io.datasurface.governance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.datasurface.model.Repository;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class RepositoriesTest {
    private static final Repository OWNER = new Repository("https://github.com/acme/sales-data.git", "main");

    @ParameterizedTest
    @ValueSource(strings = {"https://github.com/acme/sales-data.git", "https://github.com/acme/sales-data", "https://github.com/acme/sales-data/",
            "https://github.com/acme/sales-data.git/", "HTTPS://GitHub.COM/acme/sales-data.git", " https://github.com/acme/sales-data "})
    void sameRepositoryWrittenDifferentlyMatches(String url) {
        assertThat(Repositories.same(OWNER, new Repository(url, "main"))).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "https://github.com/acme/sales-dаta.git", // Cyrillic a in the path
            "https://githuЬ.com/acme/sales-data.git", // Cyrillic be in the host
            "https://\u212Aithub.com/acme/sales-data.git", // Kelvin sign, which Java lower-cases to k
            "https://github.com/acme/sales-data.git\u200B", // zero-width space
            "https://github.com/acme/Sales-data.git", // path case is kept
            "http://github.com/acme/sales-data.git", // another scheme
            "https://github.com/acme/sales-data.git.git",
            "https://github.com/acme/sales-data-fork.git",
            "https://github.com.evil.example/acme/sales-data.git"})
    void lookalikeOrOtherUrlIsAnotherRepository(String url) {
        assertThat(Repositories.same(OWNER, new Repository(url, "main"))).as(url).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"Main", "main ", "master", "main/", "refs/heads/main"})
    void branchMustMatchExactly(String branch) {
        assertThat(Repositories.same(OWNER, new Repository(OWNER.url(), branch))).isFalse();
    }

    @Test
    void sourceIsReadAsUrlAtBranchSplitAtTheLastAt() {
        assertThat(Repositories.parse("git@github.com:acme/sales-data.git@release"))
                .isEqualTo(new Repository("git@github.com:acme/sales-data.git", "release"));
    }

    @Test
    void sourceWithoutBranchIsRefusedWithAnExample() {
        assertThatThrownBy(() -> Repositories.parse("https://github.com/acme/sales-data.git"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("URL@BRANCH").hasMessageContaining("@main");
    }
}
