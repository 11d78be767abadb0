package io.cernvm.cvmfs.internal.object;

import io.cernvm.api.FaultLocation;
import io.cernvm.api.IntegrityException;
import io.cernvm.cvmfs.internal.cache.ObjectCache;
import io.cernvm.cvmfs.internal.transport.RepositoryTransport;
import io.cernvm.cvmfs.internal.transport.SharedDownloads;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.zip.Inflater;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fetches objects by hash and verifies them before anything else sees a byte: the hash over
 * the bytes as served (for zlib objects the compressed bytes), then decompression. Both run
 * while the body arrives ({@link ObjectBodyDecoder}); the plain bytes are handed out only after
 * the whole body matched its hash. A bad object
 * is reported to the transport and fetched once more with {@code noCache}, as
 * {@code download.cc} retries {@code kFailBadData}; if still bad, it is refused.
 *
 * <p>With a disk cache, plain objects are looked up there first and stored there only after
 * their hash verified and they decompressed, so the cache never holds a byte the network sent
 * unverified. Concurrent misses of one object in this process wait for one download (a lock
 * per object, striped), and find it in the cache afterwards.
 */
public final class ObjectFetcher {

    private static final Logger LOG = LoggerFactory.getLogger(ObjectFetcher.class);

    private static final int LOCK_STRIPES = 64;

    private final ObjectCache cache;
    private final Object[] locks = new Object[LOCK_STRIPES];

    /** Largest plain object kept in memory after verification. */
    static final int RECENT_OBJECT_MAX = 64 * 1024;
    /** Bound on the plain bytes kept in memory, so an idle repository stays small. */
    static final long RECENT_BYTES_MAX = 4L << 20;

    private final RepositoryTransport transport;
    private final SharedDownloads<InFlightKey> inFlight = new SharedDownloads<>();
    /** Inflaters kept for reuse: creating one allocates zlib's native state and registers a cleaner. */
    private final Deque<Inflater> inflaters = new ArrayDeque<>();
    private static final int POOLED_INFLATERS = 8;

    private record InFlightKey(ContentHash hash, ObjectCompression compression, long maxSize) {
    }

    private record RecentKey(ContentHash hash, ObjectCompression compression) {
    }
    /**
     * Small objects verified and decompressed lately, by name: a name is the hash of the
     * content, so an entry never goes stale. A warm open+read of a small file then costs no
     * request and no inflate, as cvmfs2's cache manager answers a warm open from its cache.
     */
    private final Map<RecentKey, byte[]> recent = new LinkedHashMap<>(64, 0.75f, true);
    private long recentBytes;

    /**
     * @param transport where objects come from
     */
    public ObjectFetcher(RepositoryTransport transport) {
        this(transport, null);
    }

    /**
     * @param transport where objects come from
     * @param cache     the disk cache consulted first and filled after verification, or {@code null}
     */
    public ObjectFetcher(RepositoryTransport transport, ObjectCache cache) {
        this.transport = Objects.requireNonNull(transport, "transport");
        this.cache = cache;
        for (int i = 0; i < LOCK_STRIPES; i++) {
            locks[i] = new Object();
        }
    }

    /** @return the disk cache, if this fetcher has one */
    public Optional<ObjectCache> cache() {
        return Optional.ofNullable(cache);
    }

    /** @return the transport */
    public RepositoryTransport transport() {
        return transport;
    }

    /**
     * @param hash        the object's name
     * @param compression how it is stored
     * @param maxSize     the largest acceptable plain size
     * @return the verified plain bytes
     * @throws IntegrityException when the object fails its hash twice, or does not decompress
     */
    public byte[] fetch(ContentHash hash, ObjectCompression compression, long maxSize) {
        return fetch(hash, compression, maxSize, Source.object(hash));
    }

    /**
     * Fetches external data ({@code CVMFS_EXTERNAL_URL}): a whole file or one chunk of it,
     * named by its repository path rather than its hash, and verified, decompressed (only when
     * the row says so), cached and shared exactly as an object is — the hash is over the bytes
     * as served, as {@code fetch.cc} checks external downloads.
     *
     * @param hash        the file's or chunk's content hash
     * @param compression how the external bytes are stored (the row's compression bits)
     * @param size        the plain size (the most accepted)
     * @param encodedPath the file's repository path, percent-encoded, below the external base URL
     * @param rangeOffset the chunk's offset in the file (0 for a whole file)
     * @param rangeLength the chunk's size as stored, or -1 for the whole file
     * @return the verified plain bytes
     * @throws IntegrityException when the bytes fail their hash twice, or do not decompress
     */
    public byte[] fetchExternal(ContentHash hash, ObjectCompression compression, long size, String encodedPath,
            long rangeOffset, long rangeLength) {
        return fetch(hash, compression, size, new Source(null, encodedPath, rangeOffset, rangeLength));
    }

    /**
     * Where an object's bytes are fetched from: {@code data/…} by its hash, or an external
     * file's path with an optional byte range. The object path is built only for a download, not
     * for every read answered from memory or the disk cache.
     */
    private record Source(ContentHash hash, String externalPath, long offset, long length) {
        static Source object(ContentHash hash) {
            return new Source(hash, null, 0, -1);
        }

        String path() {
            return externalPath != null ? externalPath : hash.objectPath();
        }

        void fetchInto(RepositoryTransport transport, boolean noCache, io.cernvm.cvmfs.internal.transport.BodySink sink) {
            if (externalPath != null) {
                transport.fetchRangeInto(externalPath, offset, length, noCache, sink);
            } else {
                transport.fetchInto(hash.objectPath(), noCache, sink);
            }
        }
    }

    private byte[] fetch(ContentHash hash, ObjectCompression compression, long maxSize, Source source) {
        synchronized (recent) {
            byte[] hit = recent.get(new RecentKey(hash, compression));
            if (hit != null && hit.length <= maxSize) {
                return hit.clone();
            }
        }
        byte[] plain = fetchThroughCache(hash, compression, maxSize, source);
        if (plain.length <= RECENT_OBJECT_MAX) {
            remember(new RecentKey(hash, compression), plain.clone());
        }
        return plain;
    }

    /** The disk cache first, then the network; only verified bytes are stored. */
    private byte[] fetchThroughCache(ContentHash hash, ObjectCompression compression, long maxSize, Source source) {
        if (cache == null) {
            return fetchPlain(hash, compression, maxSize, source);
        }
        Optional<byte[]> hit = cache.read(hash);
        if (hit.isPresent()) {
            return hit.get();
        }
        synchronized (lockOf(hash)) {
            hit = cache.read(hash); // another thread may have fetched it meanwhile
            if (hit.isPresent()) {
                return hit.get();
            }
            try (ObjectCache.ObjectLock held = cache.lockObject(hash)) {
                return fetchAndStore(hash, compression, maxSize, source);
            }
        }
    }

    /** Under the object's lock: another process may have stored it while this one waited. */
    private byte[] fetchAndStore(ContentHash hash, ObjectCompression compression, long maxSize, Source source) {
        Optional<byte[]> hit = cache.read(hash);
        if (hit.isPresent()) {
            return hit.get();
        }
        byte[] plain = fetchPlain(hash, compression, maxSize, source);
        try {
            cache.store(hash, plain);
        } catch (UncheckedIOException e) {
            // a full or broken cache does not fail a read that succeeded; fsck reports the cache
            LOG.warn("not cached: {}", e.getMessage());
        }
        return plain;
    }

    /**
     * Writes an object's verified plain bytes to a file: copied from the disk cache, or fetched,
     * verified and decompressed, then stored in the cache. For catalogs and history databases,
     * which are opened as files.
     *
     * @param hash        the object's name
     * @param compression how it is stored
     * @param maxSize     the largest acceptable plain size
     * @param target      the file to write (replaced)
     * @throws IntegrityException when the object fails its hash twice, or does not decompress
     * @throws UncheckedIOException when the target cannot be written
     */
    public void fetchTo(ContentHash hash, ObjectCompression compression, long maxSize, Path target) {
        try {
            if (cache != null && copyFromCache(hash, target)) {
                return;
            }
            Object lock = cache == null ? new Object() : lockOf(hash);
            synchronized (lock) {
                if (cache == null) {
                    download(hash, compression, maxSize, target);
                    return;
                }
                try (ObjectCache.ObjectLock held = cache.lockObject(hash)) {
                    if (!copyFromCache(hash, target)) {
                        download(hash, compression, maxSize, target);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target, e);
        }
    }

    private void download(ContentHash hash, ObjectCompression compression, long maxSize, Path target) throws IOException {
        byte[] raw = fetchVerified(hash);
        FaultLocation at = transport.locate(hash.objectPath());
        try (OutputStream out = Files.newOutputStream(target)) {
            if (compression == ObjectCompression.NONE) {
                if (raw.length > maxSize) {
                    throw new IntegrityException("object is larger than " + maxSize + " bytes", at);
                }
                out.write(raw);
            } else {
                ZlibCodec.inflateTo(raw, out, maxSize, at);
            }
        }
        if (cache != null) {
            try {
                cache.storeFile(hash, target);
            } catch (UncheckedIOException e) {
                LOG.warn("not cached: {}", e.getMessage());
            }
        }
    }

    private boolean copyFromCache(ContentHash hash, Path target) throws IOException {
        Optional<Path> cached = cache.find(hash);
        if (cached.isEmpty()) {
            return false;
        }
        try {
            Files.copy(cached.get(), target, StandardCopyOption.REPLACE_EXISTING);
            return true;
        } catch (java.nio.file.NoSuchFileException e) {
            return false; // evicted by another process between find and copy
        }
    }

    private Object lockOf(ContentHash hash) {
        return locks[Math.floorMod(hash.hashCode(), LOCK_STRIPES)];
    }

    private void remember(RecentKey key, byte[] plain) {
        synchronized (recent) {
            byte[] old = recent.put(key, plain);
            recentBytes += plain.length - (old == null ? 0 : old.length);
            Iterator<byte[]> eldest = recent.values().iterator();
            while (recentBytes > RECENT_BYTES_MAX && eldest.hasNext()) {
                recentBytes -= eldest.next().length;
                eldest.remove();
            }
        }
    }

    private byte[] fetchPlain(ContentHash hash, ObjectCompression compression, long maxSize, Source source) {
        // concurrent readers of one object share one download (the disk cache's lock does this
        // too when there is a cache; without one this is the only place it can happen, since the
        // streaming transport call does not merge requests)
        return inFlight.get(new InFlightKey(hash, compression, maxSize), () -> downloadPlain(hash, compression, maxSize, source));
    }

    /**
     * Hashes and inflates the object as it arrives; its plain bytes are released only after the
     * whole body matched the hash. A body that does not match is reported and fetched once more
     * with {@code noCache}, as {@link #fetchVerified} does.
     */
    private byte[] downloadPlain(ContentHash hash, ObjectCompression compression, long maxSize, Source source) {
        String path = source.path();
        Inflater inflater = compression == ObjectCompression.NONE ? null : borrowInflater();
        try {
            ObjectBodyDecoder decoder = new ObjectBodyDecoder(hash, compression, maxSize, inflater);
            source.fetchInto(transport, false, decoder);
            if (!decoder.verify()) {
                transport.reportCorrupt(path);
                source.fetchInto(transport, true, decoder);
                if (!decoder.verify()) {
                    transport.reportCorrupt(path);
                    throw new IntegrityException("object does not match its hash " + hash.toSuffixedString()
                            + " (fetched twice, the second time with no-cache)", transport.locate(path));
                }
            }
            return decoder.plain(() -> transport.locate(path));
        } finally {
            if (inflater != null) {
                returnInflater(inflater);
            }
        }
    }

    private Inflater borrowInflater() {
        synchronized (inflaters) {
            Inflater i = inflaters.poll();
            if (i != null) {
                return i;
            }
        }
        return new Inflater();
    }

    private void returnInflater(Inflater inflater) {
        synchronized (inflaters) {
            if (inflaters.size() < POOLED_INFLATERS) {
                inflaters.push(inflater);
                return;
            }
        }
        inflater.end();
    }

    /**
     * @param hash the object's name
     * @return the bytes as served, after their hash was verified
     * @throws IntegrityException when the object fails its hash twice
     */
    public byte[] fetchVerified(ContentHash hash) {
        String path = hash.objectPath();
        byte[] raw = transport.fetch(path, false);
        if (hash.matches(raw)) {
            return raw;
        }
        transport.reportCorrupt(path);
        raw = transport.fetch(path, true);
        if (hash.matches(raw)) {
            return raw;
        }
        transport.reportCorrupt(path);
        throw new IntegrityException("object does not match its hash " + hash.toSuffixedString()
                + " (fetched twice, the second time with no-cache)", transport.locate(path));
    }
}
