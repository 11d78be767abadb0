package io.cernvm.cvmfs.publish;

import java.time.Instant;
import java.util.Objects;

/**
 * A named revision in a repository's history database.
 *
 * @param name            the tag name
 * @param rootHash        the root catalog hash (hex with algorithm id, no suffix)
 * @param revision        the revision number
 * @param timestamp       when that revision was published
 * @param description     the description ({@code ""} when none)
 * @param rootCatalogSize the root catalog's uncompressed size
 */
public record Tag(String name, String rootHash, long revision, Instant timestamp, String description,
        long rootCatalogSize) {
    /** Validates. */
    public Tag {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(rootHash, "rootHash");
        Objects.requireNonNull(timestamp, "timestamp");
        description = description == null ? "" : description;
    }
}
