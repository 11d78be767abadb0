package io.cernvm.context.mime;

/**
 * Bounds on the work one {@link UserDataDecoder#decode(byte[])} may do, so that hostile user
 * data can neither hang the decoder nor exhaust the heap. Exceeding one is reported as a
 * {@code LIMIT_EXCEEDED} finding and yields no parts.
 *
 * @param maxInputBytes        the largest raw input accepted
 * @param maxDecompressedBytes the most bytes one gzip stream may expand to
 * @param maxTotalBytes        the most bytes all decompressions and includes may add up to
 * @param maxNestingDepth      the deepest MIME nesting and {@code #include} chain
 * @param maxMimeEntities      the most MIME entities parsed, over all messages
 * @param maxIncludes          the most {@code #include} URLs fetched
 * @param maxParts             the most parts attached or handed to handlers
 * @param maxRenderedChars     the longest output one jinja template may render
 */
public record DecodeLimits(int maxInputBytes, long maxDecompressedBytes, long maxTotalBytes, int maxNestingDepth,
                           int maxMimeEntities, int maxIncludes, int maxParts, int maxRenderedChars) {

    /** Checks that every limit is positive. */
    public DecodeLimits {
        if (maxInputBytes <= 0 || maxDecompressedBytes <= 0 || maxTotalBytes <= 0 || maxNestingDepth <= 0
                || maxMimeEntities <= 0 || maxIncludes < 0 || maxParts <= 0 || maxRenderedChars <= 0) {
            throw new IllegalArgumentException("limits must be positive");
        }
    }

    /**
     * @return 4 MiB of input, 8 MiB per decompression and 16 MiB in total (clouds cap user
     *         data at 16 to 64 KiB), nesting 32,
     *         10 000 MIME entities, 32 includes, 2 000 parts, 1 Mi characters of rendered template
     */
    public static DecodeLimits defaults() {
        return new DecodeLimits(4 << 20, 8L << 20, 16L << 20, 32, 10_000, 32, 2_000, 1 << 20);
    }
}
