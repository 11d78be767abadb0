package io.cernvm.cvmfs.internal.publish;

import io.cernvm.cvmfs.internal.object.HashAlgorithm;
import java.util.Arrays;
import java.util.zip.Deflater;

/**
 * Compresses one in-memory object at a time into a reused buffer and hashes the compressed
 * bytes, as {@code ObjectStore.Sink} does for a stream. One encoder serves many objects (the
 * deflater is reset, not re-created), which for small files saves more than the compression
 * itself costs; not thread-safe, so {@link ObjectStore} lends each thread its own.
 */
final class ObjectEncoder {
    private final Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION);
    private final HashAlgorithm.Hasher hasher;
    private byte[] out = new byte[16 * 1024];
    private int length;

    ObjectEncoder(HashAlgorithm algorithm) {
        this.hasher = algorithm.newHasher();
    }

    /**
     * Compresses {@code plain[off, off + len)} into {@link #bytes()} and returns the digest of
     * the compressed bytes.
     */
    byte[] encode(byte[] plain, int off, int len) {
        deflater.reset();
        deflater.setInput(plain, off, len);
        deflater.finish();
        length = 0;
        while (!deflater.finished()) {
            if (length == out.length) {
                out = Arrays.copyOf(out, out.length * 2);
            }
            length += deflater.deflate(out, length, out.length - length);
        }
        hasher.update(out, 0, length);
        return hasher.finish();
    }

    /** @return the buffer holding the last compressed object (valid up to {@link #length()}) */
    byte[] bytes() {
        return out;
    }

    /** @return the length of the last compressed object */
    int length() {
        return length;
    }

    /** Frees the deflater's native memory. */
    void end() {
        deflater.end();
    }
}
