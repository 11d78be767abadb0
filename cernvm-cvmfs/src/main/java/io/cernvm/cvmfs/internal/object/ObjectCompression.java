package io.cernvm.cvmfs.internal.object;

/**
 * How an object is stored: bits 11-13 of a catalog row's flags ({@code catalog_sql.cc}: 0 =
 * zlib, 1 = none). Catalogs, history, certificate and meta-info are always zlib.
 */
public enum ObjectCompression {
    /** A zlib stream. */
    ZLIB,
    /** Stored as is ({@code CVMFS_COMPRESSION_ALGORITHM=none}). */
    NONE;

    /**
     * @param flags the {@code flags} column
     * @return the compression, or {@code null} for a code this reader does not know
     */
    public static ObjectCompression fromCatalogFlags(long flags) {
        int code = (int) ((flags >>> 11) & 0x7);
        return switch (code) {
            case 0 -> ZLIB;
            case 1 -> NONE;
            default -> null;
        };
    }

    /** @return the code in flags bits 11-13 */
    public int catalogCode() {
        return this == ZLIB ? 0 : 1;
    }
}
