package io.cernvm.cvmfs.internal.publish;

import io.cernvm.cvmfs.internal.object.ContentHash;
import java.util.List;

/**
 * The stored form of one regular file: either one whole-file object or a list of chunks.
 *
 * @param size   the file size
 * @param whole  the whole-file object, or {@code null} when chunked
 * @param chunks   the chunks in offset order; empty when not chunked
 * @param external whether the content is served from outside the repository (hashed uncompressed, not stored)
 */
public record IngestedFile(long size, ContentHash whole, List<FileChunk> chunks, boolean external) {
    /** Validates: exactly one of whole and chunks. */
    public IngestedFile {
        chunks = List.copyOf(chunks);
        if ((whole == null) == chunks.isEmpty()) {
            throw new IllegalArgumentException("a file is either whole or chunked");
        }
    }

    /** A file stored in the repository. */
    public IngestedFile(long size, ContentHash whole, List<FileChunk> chunks) {
        this(size, whole, chunks, false);
    }

    /** @return whether the file is chunked */
    public boolean chunked() {
        return whole == null;
    }
}
