package io.cernvm.cvmfs.internal.publish;

import java.util.Objects;

/**
 * One row of the history database's {@code tags} table.
 *
 * @param name        tag name
 * @param hash        root catalog hash string (algorithm id, no suffix)
 * @param revision    revision number
 * @param timestamp   publish time, Unix seconds
 * @param description description ({@code ""} when none)
 * @param size        uncompressed root catalog size
 */
public record HistoryRow(String name, String hash, long revision, long timestamp, String description, long size) {
    /** Validates. */
    public HistoryRow {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(hash, "hash");
        description = description == null ? "" : description;
    }
}
