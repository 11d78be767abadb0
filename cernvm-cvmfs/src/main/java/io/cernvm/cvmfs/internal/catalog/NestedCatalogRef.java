package io.cernvm.cvmfs.internal.catalog;

import io.cernvm.cvmfs.internal.object.ContentHash;
import java.util.Objects;

/**
 * A {@code nested_catalogs} row: where a nested catalog is mounted and its object.
 *
 * @param mountpoint the absolute path, e.g. {@code /bar/1}
 * @param hash       the catalog object
 * @param size       the uncompressed size, 0 when unknown
 */
public record NestedCatalogRef(String mountpoint, ContentHash hash, long size) {

    /** Checks the parts. */
    public NestedCatalogRef {
        Objects.requireNonNull(mountpoint, "mountpoint");
        Objects.requireNonNull(hash, "hash");
    }
}
