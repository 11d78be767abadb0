package io.cernvm.cvmfs;

import io.cernvm.api.FaultLocation;
import io.cernvm.cvmfs.internal.catalog.CatalogLoader;
import io.cernvm.cvmfs.internal.history.HistoryDatabase;
import io.cernvm.cvmfs.internal.object.ContentHash;
import io.cernvm.cvmfs.internal.object.ObjectFetcher;
import io.cernvm.cvmfs.internal.object.ObjectCompression;
import io.cernvm.cvmfs.internal.cache.ObjectCache;
import io.cernvm.cvmfs.internal.trust.Breadcrumb;
import io.cernvm.cvmfs.internal.trust.BreadcrumbStore;
import java.util.Optional;
import io.cernvm.cvmfs.internal.transport.RepositoryTransport;
import io.cernvm.cvmfs.internal.trust.MasterKeys;
import io.cernvm.cvmfs.internal.trust.TrustChain;
import io.cernvm.cvmfs.internal.trust.VerifiedManifest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

/**
 * What the revisions of one opened repository share: transport, verified objects, the trust
 * chain, the verified manifest and history (each fetched once), and the work directory of the
 * decompressed catalogs. Closed with the last revision that uses it.
 */
final class RepositorySession {

    private static final long MAX_HISTORY_BYTES = 4L << 30;

    final String name;
    final RepositoryTransport transport;
    final ObjectFetcher objects;
    /** External data ({@code CVMFS_EXTERNAL_URL}): its own transport, the same cache; {@code null} when not configured. */
    final ObjectFetcher externalObjects;
    final CatalogLoader catalogs;
    final Map<String, String> symlinkEnvironment;
    final RepositoryListener listener;
    final MasterKeys keys;
    final String mountPath;
    final ObjectCache cache;
    private final BreadcrumbStore breadcrumbs;
    private final TrustChain trust;
    private final Path workDirectory;
    private final boolean ownsTransport;
    private VerifiedManifest manifest;
    private HistoryDatabase history;
    private int users;

    RepositorySession(String name, RepositoryTransport transport, boolean ownsTransport, MasterKeys keys, Clock clock,
                      BreadcrumbStore breadcrumbs, ObjectCache cache, Map<String, String> symlinkEnvironment,
                      RepositoryListener listener, Path workRoot, String mountPath) {
        this(name, transport, ownsTransport, keys, clock, breadcrumbs, cache, symlinkEnvironment, listener, workRoot, mountPath,
                null);
    }

    /** @param externalTransport where external data comes from (closed with the session), or {@code null} */
    RepositorySession(String name, RepositoryTransport transport, boolean ownsTransport, MasterKeys keys, Clock clock,
                      BreadcrumbStore breadcrumbs, ObjectCache cache, Map<String, String> symlinkEnvironment,
                      RepositoryListener listener, Path workRoot, String mountPath, RepositoryTransport externalTransport) {
        this.name = name;
        this.transport = transport;
        this.ownsTransport = ownsTransport;
        this.cache = cache;
        this.breadcrumbs = breadcrumbs;
        this.objects = new ObjectFetcher(transport, cache);
        this.externalObjects = externalTransport == null ? null : new ObjectFetcher(externalTransport, cache);
        this.keys = keys;
        this.trust = keys == null ? null : new TrustChain(name, keys, clock, breadcrumbs);
        this.symlinkEnvironment = Map.copyOf(symlinkEnvironment);
        this.listener = listener;
        this.mountPath = mountPath;
        try {
            Files.createDirectories(workRoot);
            this.workDirectory = Files.createTempDirectory(workRoot, name.replaceAll("[^A-Za-z0-9.-]", "_") + "-");
        } catch (IOException e) {
            throw CatalogLoader.unusable(workRoot, e);
        }
        this.catalogs = new CatalogLoader(objects, workDirectory);
    }

    synchronized VerifiedManifest manifest() {
        if (manifest == null) {
            if (trust == null) {
                throw new io.cernvm.api.ConfigurationException(
                        "no master public key configured (CVMFS_PUBLIC_KEY / CVMFS_KEYS_DIR): cannot verify the manifest",
                        FaultLocation.atKey("CVMFS_PUBLIC_KEY", null, null));
            }
            manifest = trust.verify(transport, objects);
        }
        return manifest;
    }

    /**
     * The revision offline mode may open: the breadcrumb's, when its root catalog is in the
     * disk cache (so the whole revision the client last read can be served from there).
     */
    Optional<Breadcrumb> offlineRevision() {
        if (cache == null) {
            return Optional.empty();
        }
        return breadcrumbs.load(name).filter(b -> cache.contains(b.rootCatalog()));
    }

    synchronized HistoryDatabase history() {
        if (history == null) {
            ContentHash h = manifest().manifest().history();
            if (h == null) {
                return null;
            }
            history = loadHistory(h);
            if (cache != null) {
                try {
                    cache.rememberHistory(name, h);
                } catch (java.io.UncheckedIOException e) {
                    // a read-only or full cache costs offline pins, not this open
                    org.slf4j.LoggerFactory.getLogger(RepositorySession.class).warn("{}", e.getMessage());
                }
            }
        }
        return history;
    }

    /**
     * The history database offline mode may use: the last one this cache received for the
     * repository, when it is still cached.
     */
    synchronized Optional<HistoryDatabase> offlineHistory() {
        if (cache == null) {
            return Optional.empty();
        }
        return cache.rememberedHistory(name).filter(cache::contains).map(this::loadHistory);
    }

    private HistoryDatabase loadHistory(ContentHash h) {
        FaultLocation at = transport.locate(h.objectPath());
        Path file = null;
        try {
            file = Files.createTempFile(workDirectory, "history-", ".db");
            objects.fetchTo(h, ObjectCompression.ZLIB, MAX_HISTORY_BYTES, file);
            return HistoryDatabase.read(file, at);
        } catch (IOException e) {
            throw CatalogLoader.unusable(workDirectory, e);
        } catch (java.io.UncheckedIOException e) {
            throw CatalogLoader.unusable(workDirectory, e.getCause());
        } finally {
            if (file != null) {
                try {
                    Files.deleteIfExists(file);
                } catch (IOException ignored) {
                    // removed with the work directory
                }
            }
        }
    }

    synchronized void acquire() {
        users++;
    }

    synchronized void release() {
        users--;
        if (users == 0) {
            if (ownsTransport) {
                transport.close();
            }
            if (externalObjects != null) {
                externalObjects.transport().close();
            }
            try (Stream<Path> s = Files.walk(workDirectory)) {
                s.sorted(Comparator.reverseOrder()).forEach(p -> {
                    try {
                        Files.deleteIfExists(p);
                    } catch (IOException ignored) {
                        // best effort for temporary files
                    }
                });
            } catch (IOException ignored) {
                // best effort for temporary files
            }
        }
    }
}
