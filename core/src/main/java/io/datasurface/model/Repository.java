package io.datasurface.model;

import static java.util.Objects.requireNonNull;

/**
 * A git repository and branch: the owner of a part of the model. Only commits from the owning
 * repository may change what it owns.
 */
public record Repository(String url, String branch) {
    public Repository {
        requireNonNull(url, "url is null");
        requireNonNull(branch, "branch is null");
    }

    @Override
    public String toString() {
        return url + "@" + branch;
    }
}
