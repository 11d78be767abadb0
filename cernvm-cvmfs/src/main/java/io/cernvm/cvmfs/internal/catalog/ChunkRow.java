package io.cernvm.cvmfs.internal.catalog;

import io.cernvm.cvmfs.internal.object.ContentHash;
import java.util.Objects;

/**
 * One chunk of a chunked file ({@code chunks} table): uncompressed offset and size, and the hash
 * of its object (suffix {@code P}).
 *
 * @param offset where the chunk starts in the file
 * @param size   its uncompressed size
 * @param hash   its object
 */
public record ChunkRow(long offset, long size, ContentHash hash) {

    /** Validates the range. */
    public ChunkRow {
        Objects.requireNonNull(hash, "hash");
        if (offset < 0 || size < 0) {
            throw new IllegalArgumentException("negative chunk range");
        }
    }
}
