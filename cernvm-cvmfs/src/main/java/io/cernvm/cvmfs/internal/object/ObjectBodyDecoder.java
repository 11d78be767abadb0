package io.cernvm.cvmfs.internal.object;

import io.cernvm.api.FaultLocation;
import io.cernvm.api.IntegrityException;
import io.cernvm.cvmfs.internal.transport.BodySink;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.function.Supplier;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Hashes and decompresses an object while it arrives, so that verification costs no pass of
 * its own after the download, and keeps the plain bytes to itself: {@link #plain} hands them
 * out only when the whole body matched the object's hash. A decompression problem is held
 * back until then too, because a corrupted body is retried elsewhere rather than reported as
 * bad zlib. Not thread-safe; one decoder per fetch.
 */
final class ObjectBodyDecoder implements BodySink {

    private static final int MAX_ARRAY = Integer.MAX_VALUE - 16;
    private static final int MIN_CAPACITY = 64 * 1024;

    private final ContentHash hash;
    private final ObjectCompression compression;
    private final long maxSize;
    private final Inflater inflater;
    private final byte[] probe = new byte[1];
    private HashAlgorithm.Hasher hasher;
    private byte[] plain = new byte[0];
    private int plainSize;
    private String fault;
    private boolean verified;

    /**
     * @param hash        the object's name, i.e. the hash its body must have
     * @param compression how the body is stored
     * @param maxSize     the largest acceptable plain size
     * @param inflater    an inflater for zlib objects, reset on {@link #begin} (the caller ends or reuses it), or {@code null} for plain ones
     */
    ObjectBodyDecoder(ContentHash hash, ObjectCompression compression, long maxSize, Inflater inflater) {
        this.hash = hash;
        this.compression = compression;
        this.maxSize = Math.min(maxSize, MAX_ARRAY);
        this.inflater = inflater;
        if (compression != ObjectCompression.NONE && inflater == null) {
            throw new IllegalArgumentException("an inflater is needed for " + compression);
        }
    }

    @Override
    public void begin(long contentLength) {
        hasher = hash.algorithm().newHasher();
        if (inflater != null) {
            inflater.reset();
        }
        plainSize = 0;
        fault = null;
        verified = false;
        // a chunk's plain size is usually its maxSize (the catalog's promise): allocate it once
        long guess = contentLength < 0 ? MIN_CAPACITY
                : compression == ObjectCompression.NONE ? contentLength : Math.max(MIN_CAPACITY, contentLength * 4);
        int capacity = (int) Math.max(0, Math.min(maxSize, guess));
        if (plain.length != capacity) {
            plain = new byte[capacity];
        }
    }

    @Override
    public void accept(byte[] bytes, int offset, int length) {
        hasher.update(bytes, offset, length);
        if (fault != null) {
            return; // keep hashing: whether the body was corrupt decides which error this is
        }
        if (compression == ObjectCompression.NONE) {
            if (length > maxSize - plainSize) {
                fault = "object is larger than " + maxSize + " bytes";
                return;
            }
            ensureCapacity(plainSize + length);
            System.arraycopy(bytes, offset, plain, plainSize, length);
            plainSize += length;
            return;
        }
        if (inflater.finished()) {
            fault = "trailing bytes after the zlib stream";
            return;
        }
        inflater.setInput(bytes, offset, length);
        try {
            inflateAvailable();
        } catch (DataFormatException e) {
            fault = "not a zlib stream: " + e.getMessage();
        }
    }

    private void inflateAvailable() throws DataFormatException {
        // returns with the input used up (or a fault): the transport reuses its buffer after accept
        while (true) {
            int before = inflater.getRemaining();
            if (plainSize == plain.length && plainSize < maxSize) {
                ensureCapacity(plainSize + 1);
            }
            int n = plainSize < plain.length
                    ? inflater.inflate(plain, plainSize, plain.length - plainSize)
                    : inflater.inflate(probe); // full at maxSize: any further byte is one too many
            if (plainSize == plain.length && n > 0) {
                fault = "object inflates to more than " + maxSize + " bytes";
                return;
            }
            plainSize += n;
            if (inflater.finished()) {
                if (inflater.getRemaining() > 0) {
                    fault = "trailing bytes after the zlib stream";
                }
                return;
            }
            if (inflater.needsDictionary()) {
                fault = "zlib stream is truncated";
                return;
            }
            if (n == 0 && inflater.needsInput()) {
                return;
            }
            if (n == 0 && inflater.getRemaining() == before) {
                fault = "not a zlib stream: no progress";
                return;
            }
        }
    }

    private void ensureCapacity(long needed) {
        if (needed > plain.length) {
            long grown = Math.max(needed, Math.max(MIN_CAPACITY, plain.length * 2L));
            plain = Arrays.copyOf(plain, (int) Math.min(grown, maxSize));
        }
    }

    /**
     * Ends the body: checks the hash over everything received.
     *
     * @return whether the body matched the object's hash
     */
    boolean verify() {
        if (hasher == null) {
            return false;
        }
        verified = MessageDigest.isEqual(hash.digest(), hasher.finish());
        return verified;
    }

    /**
     * @param location where the object came from, for the error (asked only on error)
     * @return the plain bytes of a verified body
     * @throws IntegrityException when the verified body does not decompress, or is too large
     * @throws IllegalStateException when the body was not verified
     */
    byte[] plain(Supplier<FaultLocation> location) {
        if (!verified) {
            throw new IllegalStateException("the body of " + hash + " was not verified");
        }
        if (fault == null && compression != ObjectCompression.NONE && !inflater.finished()) {
            fault = "zlib stream is truncated";
        }
        if (fault != null) {
            throw new IntegrityException(fault, location.get());
        }
        byte[] out = plainSize == plain.length ? plain : Arrays.copyOf(plain, plainSize);
        plain = new byte[0];
        return out;
    }
}
