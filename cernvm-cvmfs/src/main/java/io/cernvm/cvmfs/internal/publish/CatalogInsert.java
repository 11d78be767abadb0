package io.cernvm.cvmfs.internal.publish;

import io.cernvm.cvmfs.internal.object.PathHash;

/**
 * One row of a catalog's {@code catalog} table, as {@code catalog_sql.cc} binds it.
 *
 * @param path      the path key
 * @param parent    the parent key ((0,0) for the repository root)
 * @param hardlinks group &lt;&lt; 32 | link count (directories: 2 + subdirectories)
 * @param hash      raw content digest, or {@code null}
 * @param size      size column
 * @param mode      full {@code st_mode}
 * @param mtime     Unix seconds
 * @param mtimeNs   nanosecond part, or {@code null}
 * @param flags     flags column
 * @param name      last component
 * @param symlink   raw target or {@code ""}
 * @param uid       owner
 * @param gid       group
 * @param xattr     xattr blob or {@code null}
 */
public record CatalogInsert(PathHash path, PathHash parent, long hardlinks, byte[] hash, long size, int mode, long mtime,
        Integer mtimeNs, int flags, String name, String symlink, int uid, int gid, byte[] xattr) {
    /** Directory. */
    public static final int FLAG_DIR = 1;
    /** Nested-catalog mountpoint (the entry in the parent). */
    public static final int FLAG_NESTED_MOUNTPOINT = 2;
    /** Regular file (also set on symlinks and specials, as upstream writes them). */
    public static final int FLAG_FILE = 4;
    /** Symlink. */
    public static final int FLAG_LINK = 8;
    /** Fifo, socket or device. */
    public static final int FLAG_SPECIAL = 16;
    /** Nested-catalog root (the entry in the child). */
    public static final int FLAG_NESTED_ROOT = 32;
    /** Chunked file. */
    public static final int FLAG_CHUNKED = 64;
    /** External file: content served from {@code CVMFS_EXTERNAL_URL}, not from {@code data/}. */
    public static final int FLAG_EXTERNAL = 128;
    /** Compression bits 11-13 saying "none" ({@code zlib::kNoCompression}). */
    public static final int COMPRESSION_NONE = 1 << 11;
    /** Position of the hash-algorithm bits. */
    public static final int HASH_ALGORITHM_SHIFT = 8;
}
