package io.cernvm.cvmfs.internal.publish;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@code statistics} counters of one catalog ({@code catalog_counters.h}): {@code self_*} for
 * its own rows, {@code subtree_*} summed over the nested catalogs below it.
 */
public final class CatalogCounters {
    /** The counter names without prefix, as upstream lists them. */
    public static final String[] FIELDS = {"regular", "symlink", "special", "dir", "nested", "chunked", "chunks",
        "file_size", "chunked_size", "xattr", "external", "external_file_size"};

    private final Map<String, Long> self = new LinkedHashMap<>();
    private final Map<String, Long> subtree = new LinkedHashMap<>();

    /** All counters at zero. */
    public CatalogCounters() {
        for (String f : FIELDS) {
            self.put(f, 0L);
            subtree.put(f, 0L);
        }
    }

    /** Adds to a {@code self_} counter. */
    public void add(String field, long delta) {
        if (!self.containsKey(field)) {
            throw new IllegalArgumentException(field);
        }
        self.merge(field, delta, Long::sum);
    }

    /** Adds a nested catalog's self and subtree counters to this one's subtree counters. */
    public void addNested(CatalogCounters nested) {
        for (String f : FIELDS) {
            subtree.merge(f, nested.self.get(f) + nested.subtree.get(f), Long::sum);
        }
    }

    /** @return every counter by its full name ({@code self_regular}, …, {@code subtree_xattr}) */
    public Map<String, Long> all() {
        Map<String, Long> out = new LinkedHashMap<>();
        self.forEach((k, v) -> out.put("self_" + k, v));
        subtree.forEach((k, v) -> out.put("subtree_" + k, v));
        return out;
    }
}
