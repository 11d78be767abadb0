package io.cernvm.cvmfs.internal.trust;

import java.util.Optional;

/**
 * Keeps the newest accepted manifest per repository, so an older one (a replay, a stale mirror)
 * is refused. The disk cache persists it as {@code cvmfschecksum.<fqrn>}; implementations are
 * thread-safe.
 */
public interface BreadcrumbStore {

    /**
     * @param repository the repository name
     * @return the breadcrumb, if one was stored
     */
    Optional<Breadcrumb> load(String repository);

    /**
     * @param repository the repository name
     * @param breadcrumb the newest accepted manifest
     */
    void store(String repository, Breadcrumb breadcrumb);
}
