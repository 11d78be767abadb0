package io.cernvm.context.internal.mime;

import io.cernvm.context.mime.DecodeLimits;

/** Counts the work of one decode against its {@link DecodeLimits}; throws {@link LimitExceeded} past them. */
final class DecodeBudget {
    private final DecodeLimits limits;
    private long decompressed;
    private int messages;
    private int headers;
    private int includes;
    private int parts;

    DecodeBudget(DecodeLimits limits) {
        this.limits = limits;
    }

    /** Thrown when the input needs more work than the limits allow. */
    static final class LimitExceeded extends RuntimeException {
        private static final long serialVersionUID = 1L;

        LimitExceeded(String message) {
            super(message, null, false, false);
        }
    }

    DecodeLimits limits() {
        return limits;
    }

    /** @return how many more bytes decompression may produce */
    long decompressAllowance() {
        return Math.max(0, Math.min(limits.maxDecompressedBytes(), limits.maxTotalBytes() - decompressed));
    }

    void countDecompressed(long n) {
        decompressed += n;
        if (decompressed > limits.maxTotalBytes()) {
            throw new LimitExceeded("decompressed data exceed " + limits.maxTotalBytes() + " bytes in total");
        }
    }

    void countMessage() {
        if (++messages > limits.maxMimeEntities()) {
            throw new LimitExceeded("more than " + limits.maxMimeEntities() + " MIME entities");
        }
    }

    void countHeader() {
        if (++headers > limits.maxMimeEntities() * 16L) {
            throw new LimitExceeded("more than " + limits.maxMimeEntities() * 16L + " MIME headers");
        }
    }

    void checkDepth(int depth) {
        if (depth > limits.maxNestingDepth()) {
            throw new LimitExceeded("MIME nesting deeper than " + limits.maxNestingDepth());
        }
    }

    void countInclude(int depth) {
        if (++includes > limits.maxIncludes()) {
            throw new LimitExceeded("more than " + limits.maxIncludes() + " #include URLs");
        }
        if (depth > limits.maxNestingDepth()) {
            throw new LimitExceeded("#include nesting deeper than " + limits.maxNestingDepth());
        }
    }

    void countPart() {
        if (++parts > limits.maxParts()) {
            throw new LimitExceeded("more than " + limits.maxParts() + " parts");
        }
    }
}
