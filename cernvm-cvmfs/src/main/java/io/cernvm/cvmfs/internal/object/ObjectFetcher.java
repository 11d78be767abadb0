package io.cernvm.cvmfs.internal.object;

import io.cernvm.api.FaultLocation;
import io.cernvm.api.IntegrityException;
import io.cernvm.cvmfs.internal.transport.RepositoryTransport;
import java.util.Objects;

/**
 * Fetches objects by hash and verifies them before anything else sees a byte: the hash over
 * the bytes as served (for zlib objects the compressed bytes), then decompression. A bad object
 * is reported to the transport and fetched once more with {@code noCache}, as
 * {@code download.cc} retries {@code kFailBadData}; if still bad, it is refused.
 */
public final class ObjectFetcher {

    private final RepositoryTransport transport;

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
