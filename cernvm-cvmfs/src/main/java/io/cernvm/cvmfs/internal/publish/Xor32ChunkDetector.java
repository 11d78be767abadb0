package io.cernvm.cvmfs.internal.publish;

/**
 * Content-defined cut marks as upstream's {@code Xor32Detector} ({@code ingestion/chunk_detector.cc}):
 * a rolling {@code x = (x << 1) ^ byte} that only depends on the last 32 bytes, primed over the
 * 32 bytes before the minimum chunk size, checked from the minimum on, with a hard cut at the
 * maximum. A cut "at" a byte makes that byte the first of the next chunk. The same input and
 * sizes give upstream's chunk boundaries.
 */
public final class Xor32ChunkDetector {
    /** The rolling window ({@code kXor32Window}). */
    public static final int WINDOW = 32;
    private static final int MAGIC = (int) (0xFFFFFFFFL / 2);

    private final long min;
    private final long max;
    private final int threshold;
    private long position;
    private int xor;

    /**
     * @param min minimum chunk size (at least {@value #WINDOW})
     * @param avg average chunk size (greater than min)
     * @param max maximum chunk size (greater than avg)
     */
    public Xor32ChunkDetector(long min, long avg, long max) {
        if (min < WINDOW || min >= avg || avg >= max) {
            throw new IllegalArgumentException("chunk sizes need " + WINDOW + " <= min < avg < max: " + min + "/" + avg + "/" + max);
        }
        this.min = min;
        this.max = max;
        this.threshold = (int) (0xFFFFFFFFL / avg);
    }

    /** @return whether a file of this size may be cut at all ({@code MightFindChunks}: size > min) */
    public boolean mightCut(long size) {
        return size > min;
    }

    /**
     * Offers the next byte of the file.
     *
     * @param b the byte
     * @return {@code true} when a chunk ends before this byte (this byte starts the next chunk)
     */
    public boolean cutBefore(byte b) {
        boolean cut = false;
        if (position == max) {
            cut = true;
        } else if (position >= min - WINDOW) {
            xor = (xor << 1) ^ (b & 0xFF);
            cut = position >= min && check();
        }
        if (cut) {
            position = 0;
            xor = 0;
            if (min == WINDOW) {
                // the priming window of the next chunk starts at its first byte
                xor = b & 0xFF;
            }
        }
        position++;
        return cut;
    }

    private boolean check() {
        // As upstream: abs(int32(xor) - magic) < threshold, in wrapping 32-bit arithmetic.
        return Math.abs(xor - MAGIC) < threshold;
    }
}
