package io.cernvm.cvmfs.publish;

/**
 * Content-defined chunking of large files ({@code CVMFS_USE_FILE_CHUNKING},
 * {@code CVMFS_MIN/AVG/MAX_CHUNK_SIZE}): a file larger than {@code minSize} is cut by upstream's
 * xor32 rolling checksum into chunks of at least {@code minSize} and at most {@code maxSize}
 * bytes, each stored as its own object.
 *
 * @param enabled whether files are chunked at all
 * @param minSize minimum chunk size in bytes (at least 32)
 * @param avgSize average chunk size in bytes (greater than minSize)
 * @param maxSize maximum chunk size in bytes (greater than avgSize)
 */
public record ChunkingSettings(boolean enabled, long minSize, long avgSize, long maxSize) {
    private static final long MIB = 1024L * 1024L;

    /** Upstream's defaults: on, 4 / 8 / 16 MiB ({@code cvmfs_server_coda.sh}). */
    public static final ChunkingSettings DEFAULT = new ChunkingSettings(true, 4 * MIB, 8 * MIB, 16 * MIB);

    /** Validates the sizes. */
    public ChunkingSettings {
        if (minSize < 32 || minSize >= avgSize || avgSize >= maxSize) {
            throw new IllegalArgumentException("chunk sizes need 32 <= min < avg < max, got "
                    + minSize + " / " + avgSize + " / " + maxSize);
        }
    }

    /** @return chunking switched off: every file is one object */
    public static ChunkingSettings disabled() {
        return new ChunkingSettings(false, DEFAULT.minSize, DEFAULT.avgSize, DEFAULT.maxSize);
    }

    /**
     * @param minSize minimum chunk size in bytes
     * @param avgSize average chunk size in bytes
     * @param maxSize maximum chunk size in bytes
     * @return chunking on with these sizes
     */
    public static ChunkingSettings ofSizes(long minSize, long avgSize, long maxSize) {
        return new ChunkingSettings(true, minSize, avgSize, maxSize);
    }
}
