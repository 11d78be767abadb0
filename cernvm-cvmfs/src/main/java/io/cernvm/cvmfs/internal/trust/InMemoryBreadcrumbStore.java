package io.cernvm.cvmfs.internal.trust;

import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/** Breadcrumbs for the life of one client. */
public final class InMemoryBreadcrumbStore implements BreadcrumbStore {

    private final ConcurrentMap<String, Breadcrumb> crumbs = new ConcurrentHashMap<>();

    @Override
    public Optional<Breadcrumb> load(String repository) {
        return Optional.ofNullable(crumbs.get(repository));
    }

    @Override
    public void store(String repository, Breadcrumb breadcrumb) {
        crumbs.merge(repository, breadcrumb,
                (old, neu) -> neu.publishedEpochSeconds() >= old.publishedEpochSeconds() ? neu : old);
    }
}
