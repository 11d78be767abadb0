package io.cernvm.cvmfs.internal.publish;

import io.cernvm.cvmfs.internal.object.ContentHash;
import java.util.Objects;

/**
 * One chunk of a chunked file: its offset and uncompressed size in the file, and its object.
 *
 * @param offset byte offset in the file
 * @param size   uncompressed size
 * @param hash   the chunk object (type PARTIAL)
 */
public record FileChunk(long offset, long size, ContentHash hash) {
    /** Validates. */
    public FileChunk {
        Objects.requireNonNull(hash, "hash");
        if (offset < 0 || size <= 0) {
            throw new IllegalArgumentException("bad chunk " + offset + "+" + size);
        }
    }
}
