package io.cernvm.testkit;

/**
 * One satisfiable byte range of a resource, inclusive at both ends, as a {@code Range:
 * bytes=first-last} header asks for it (RFC 9110 §14.1.2).
 */
record ByteRange(long first, long last) {

    /** Parsing found no usable single range; the whole resource is sent. */
    static final ByteRange WHOLE = new ByteRange(-1, -1);
    /** The range cannot be satisfied; the answer is 416. */
    static final ByteRange UNSATISFIABLE = new ByteRange(-2, -2);

    long length() {
        return last - first + 1;
    }

    /**
     * @param header the {@code Range} header value, or {@code null}
     * @param size   the resource size
     * @return the range, {@link #WHOLE} or {@link #UNSATISFIABLE}
     */
    static ByteRange parse(String header, long size) {
        if (header == null || !header.startsWith("bytes=") || header.indexOf(',') >= 0) {
            return WHOLE; // multiple ranges may be answered with the whole resource
        }
        String spec = header.substring("bytes=".length()).trim();
        int dash = spec.indexOf('-');
        if (dash < 0) {
            return WHOLE;
        }
        try {
            String a = spec.substring(0, dash).trim();
            String b = spec.substring(dash + 1).trim();
            if (a.isEmpty()) {
                long suffix = Long.parseLong(b);
                if (suffix <= 0 || size == 0) {
                    return UNSATISFIABLE;
                }
                return new ByteRange(Math.max(0, size - suffix), size - 1);
            }
            long first = Long.parseLong(a);
            long last = b.isEmpty() ? size - 1 : Math.min(Long.parseLong(b), size - 1);
            if (first < 0 || first >= size || last < first) {
                return UNSATISFIABLE;
            }
            return new ByteRange(first, last);
        } catch (NumberFormatException e) {
            return WHOLE;
        }
    }
}
