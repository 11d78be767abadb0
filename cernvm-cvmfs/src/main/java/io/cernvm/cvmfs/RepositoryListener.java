package io.cernvm.cvmfs;

/**
 * Observes what a client does with its repositories; every hook does nothing by default.
 */
public interface RepositoryListener {

    /** A listener that ignores everything. */
    RepositoryListener NONE = new RepositoryListener() {
    };

    /**
     * @param warning something that did not stop the operation
     */
    default void warning(RepositoryWarning warning) {
    }

    /**
     * @param repository the repository name
     * @param revision   the revision opened
     * @param rootHash   its root catalog hash
     */
    default void opened(String repository, long revision, String rootHash) {
    }
}
