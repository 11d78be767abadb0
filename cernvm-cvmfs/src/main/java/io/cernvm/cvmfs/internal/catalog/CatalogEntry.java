package io.cernvm.cvmfs.internal.catalog;

import java.util.Objects;

/**
 * A row found at a path, with the catalog that holds it.
 *
 * @param path    the canonical path
 * @param catalog the catalog holding the row (for a nested mountpoint: the parent catalog)
 * @param row     the row
 */
public record CatalogEntry(String path, Catalog catalog, CatalogRow row) {

    /** Checks the parts. */
    public CatalogEntry {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(catalog, "catalog");
        Objects.requireNonNull(row, "row");
    }
}
