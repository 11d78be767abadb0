package io.cernvm.cvmfs.internal.object;

import io.cernvm.api.FaultLocation;
import io.cernvm.api.IntegrityException;
import io.cernvm.cvmfs.internal.transport.RepositoryTransport;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Fetches objects by hash and verifies them before anything else sees a byte: the hash over
 * the bytes as served (for zlib objects the compressed bytes), then decompression. A bad object
 * is reported to the transport and fetched once more with {@code noCache}, as
 * {@code download.cc} retries {@code kFailBadData}; if still bad, it is refused.
 */
public final class ObjectFetcher {

    /** Largest plain object kept in memory after verification. */
    static final int RECENT_OBJECT_MAX = 64 * 1024;
    /** Bound on the plain bytes kept in memory, so an idle repository stays small. */
    static final long RECENT_BYTES_MAX = 4L << 20;

    private final RepositoryTransport transport;
    /**
     * Small objects verified and decompressed lately, by name: a name is the hash of the
     * content, so an entry never goes stale. A warm open+read of a small file then costs no
     * request and no inflate, as cvmfs2's cache manager answers a warm open from its cache.
     */
    private final Map<List<Object>, byte[]> recent = new LinkedHashMap<>(64, 0.75f, true);
    private long recentBytes;

    /**
     * @param transport where objects come from
     */
    public ObjectFetcher(RepositoryTransport transport) {
        this.transport = Objects.requireNonNull(transport, "transport");
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
        synchronized (recent) {
            byte[] hit = recent.get(List.of(hash, compression));
            if (hit != null && hit.length <= maxSize) {
                return hit.clone();
            }
        }
        byte[] plain = fetchPlain(hash, compression, maxSize);
        if (plain.length <= RECENT_OBJECT_MAX) {
            remember(List.of(hash, compression), plain.clone());
        }
        return plain;
    }

    private void remember(List<Object> key, byte[] plain) {
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

    private byte[] fetchPlain(ContentHash hash, ObjectCompression compression, long maxSize) {
        byte[] raw = fetchVerified(hash);
        FaultLocation at = transport.locate(hash.objectPath());
        if (compression == ObjectCompression.NONE) {
            if (raw.length > maxSize) {
                throw new IntegrityException("object is larger than " + maxSize + " bytes", at);
            }
            return raw;
        }
        return ZlibCodec.inflate(raw, maxSize, at);
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
