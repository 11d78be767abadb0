package io.cernvm.cvmfs.publish;

import java.time.Instant;
import java.util.Objects;

/**
 * What one publish produced.
 *
 * @param revision          the new revision number
 * @param rootHash          the root catalog hash (hex with algorithm id, no suffix)
 * @param rootCatalogSize   the root catalog's uncompressed size
 * @param tag               the tag given to the revision (named, or {@code generic-…})
 * @param timestamp         the publish time (manifest {@code T})
 * @param objectsWritten    objects newly stored
 * @param objectsReused     objects found already stored (deduplicated)
 */
public record PublishResult(long revision, String rootHash, long rootCatalogSize, String tag, Instant timestamp,
        long objectsWritten, long objectsReused) {
    /** Validates. */
    public PublishResult {
        Objects.requireNonNull(rootHash, "rootHash");
        Objects.requireNonNull(tag, "tag");
        Objects.requireNonNull(timestamp, "timestamp");
    }
}
