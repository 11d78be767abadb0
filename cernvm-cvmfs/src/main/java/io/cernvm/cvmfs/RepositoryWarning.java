package io.cernvm.cvmfs;

import java.util.Objects;

/**
 * Something a user should know that did not stop the repository from opening, e.g. a revision
 * setting that lost to one with higher precedence.
 *
 * @param repository the repository name
 * @param key        the setting concerned ({@code CVMFS_REPOSITORY_TAG}, …), or {@code null}
 * @param message    what happened
 */
public record RepositoryWarning(String repository, String key, String message) {

    /** Checks the parts. */
    public RepositoryWarning {
        Objects.requireNonNull(repository, "repository");
        Objects.requireNonNull(message, "message");
    }
}
