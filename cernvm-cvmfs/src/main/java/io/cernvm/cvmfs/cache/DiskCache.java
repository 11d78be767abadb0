package io.cernvm.cvmfs.cache;

import io.cernvm.cvmfs.internal.cache.CacheFsck;
import io.cernvm.cvmfs.internal.cache.ObjectCache;
import java.nio.file.Path;
import java.time.Clock;

/**
 * A CernVM-FS client disk cache in upstream's layout ({@code 00}…{@code ff}, {@code txn/},
 * {@code quarantaine/}, breadcrumbs {@code cvmfschecksum.<fqrn>}), shared safely by the
 * processes of one machine. Clients use it through {@code CvmfsClient}'s builder; this type is
 * for checking and repairing it, as {@code cvmfs_fsck} does.
 */
public final class DiskCache {

    private final ObjectCache cache;
    private final Clock clock;

    private DiskCache(ObjectCache cache, Clock clock) {
        this.cache = cache;
        this.clock = clock;
    }

    /**
     * Opens a cache directory, creating its layout when needed.
     *
     * @param directory  e.g. {@code /var/lib/cvmfs/shared}
     * @param quotaBytes the quota in bytes, or -1 for an unmanaged cache
     * @param clock      the clock
     * @return the cache
     */
    public static DiskCache open(Path directory, long quotaBytes, Clock clock) {
        return new DiskCache(ObjectCache.open(directory, quotaBytes, clock), clock);
    }

    /** @return the directory */
    public Path directory() {
        return cache.directory();
    }

    /** @return the bytes the cached objects take */
    public long usageBytes() {
        return cache.usageBytes();
    }

    /**
     * Verifies every object.
     *
     * @param repair quarantine bad objects and remove stale temporary files
     * @return the findings
     */
    public FsckReport fsck(boolean repair) {
        return new CacheFsck(cache, clock).run(repair);
    }
}
