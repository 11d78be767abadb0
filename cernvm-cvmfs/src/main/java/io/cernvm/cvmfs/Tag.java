package io.cernvm.cvmfs;

import java.time.Instant;
import java.util.Objects;

/**
 * A named revision from the repository's history database.
 *
 * @param name        the tag name ({@code trunk}, {@code v1.0}, {@code generic-…})
 * @param rootHash    the root catalog hash, hex with algorithm id, no suffix
 * @param revision    the revision number
 * @param timestamp   when the revision was published
 * @param channel     the (unused, always 0) channel
 * @param description the description, possibly empty
 * @param size        the root catalog's size, -1 when the database does not record it
 * @param branch      the branch, {@code ""} for the main line
 */
public record Tag(String name, String rootHash, long revision, Instant timestamp, int channel, String description,
                  long size, String branch) {

    /** Checks the parts. */
    public Tag {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(rootHash, "rootHash");
        Objects.requireNonNull(timestamp, "timestamp");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(branch, "branch");
    }
}
