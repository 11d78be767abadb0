package io.cernvm.cvmfs.internal.publish;

import io.cernvm.cvmfs.internal.object.ContentHash;

/**
 * A catalog stored as an object.
 *
 * @param hash     its object (type CATALOG)
 * @param size     its uncompressed size
 * @param counters its statistics
 */
public record WrittenCatalog(ContentHash hash, long size, CatalogCounters counters) {
}
