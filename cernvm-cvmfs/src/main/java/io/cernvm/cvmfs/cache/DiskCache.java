package io.cernvm.cvmfs.cache;

import io.cernvm.api.ConfigurationException;
import io.cernvm.api.FaultLocation;
import io.cernvm.cvmfs.config.ClientConfiguration;
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

    /**
     * Opens the cache a client configuration names ({@link #directoryOf}, {@link #quotaBytesOf}).
     *
     * @param configuration a repository's configuration
     * @param clock         the clock
     * @return the cache
     */
    public static DiskCache open(ClientConfiguration configuration, Clock clock) {
        return open(directoryOf(configuration), quotaBytesOf(configuration), clock);
    }

    /**
     * The cache directory as upstream derives it: {@code CVMFS_CACHE_DIR} when set, else
     * {@code CVMFS_CACHE_BASE/shared} with {@code CVMFS_SHARED_CACHE=yes} (the default), else
     * {@code CVMFS_CACHE_BASE/<fqrn>}.
     *
     * @param configuration a repository's configuration
     * @return the directory
     */
    public static Path directoryOf(ClientConfiguration configuration) {
        return configuration.cacheDir().orElseGet(() -> configuration.cacheBase()
                .resolve(configuration.sharedCache() ? "shared" : configuration.fqrn()));
    }

    /**
     * @param configuration a repository's configuration
     * @return {@code CVMFS_QUOTA_LIMIT} in bytes (it is given in MB), or -1 for unmanaged
     * @throws ConfigurationException when the limit is neither positive nor -1
     */
    public static long quotaBytesOf(ClientConfiguration configuration) {
        long mb = configuration.quotaLimitMb();
        if (mb == -1) {
            return ObjectCache.UNLIMITED;
        }
        if (mb <= 0 || mb > Long.MAX_VALUE >> 20) {
            throw new ConfigurationException("CVMFS_QUOTA_LIMIT must be a positive number of megabytes or -1: " + mb,
                    FaultLocation.atKey("CVMFS_QUOTA_LIMIT", configuration.entry("CVMFS_QUOTA_LIMIT").map(v -> v.source()).orElse(null),
                            configuration.entry("CVMFS_QUOTA_LIMIT").map(v -> v.line()).orElse(null)));
        }
        return mb << 20;
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
