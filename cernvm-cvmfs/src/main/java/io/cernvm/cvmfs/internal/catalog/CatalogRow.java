package io.cernvm.cvmfs.internal.catalog;

import io.cernvm.cvmfs.internal.object.ContentHash;
import io.cernvm.cvmfs.internal.object.ObjectCompression;
import io.cernvm.cvmfs.internal.object.PathHash;

/**
 * One row of a catalog's {@code catalog} table, as read ({@code catalog_sql.cc SqlLookup}).
 *
 * @param path        the row's key
 * @param parent      its parent's key
 * @param hardlinks   link count (low 32 bits) and hard-link group (high 32 bits)
 * @param hash        the content hash, or {@code null} (directories, symlinks, bulk-less chunked files)
 * @param size        the size column
 * @param mode        the full {@code st_mode}
 * @param mtime       Unix seconds
 * @param mtimeNanos  nanoseconds, or -1 when the catalog has none
 * @param flags       the flags column
 * @param name        the last path component ({@code ""} for the repository root)
 * @param symlink     the raw symlink target ({@code ""} for others)
 * @param uid         owner as published
 * @param gid         group as published
 * @param xattr       the packed extended attributes, or {@code null}
 * @param compression how the object is stored
 */
public record CatalogRow(PathHash path, PathHash parent, long hardlinks, ContentHash hash, long size, int mode,
                         long mtime, long mtimeNanos, long flags, String name, String symlink, long uid, long gid,
                         byte[] xattr, ObjectCompression compression) {

    /** Directory. */
    public static final long FLAG_DIR = 1;
    /** Nested-catalog mountpoint (the entry in the parent catalog). */
    public static final long FLAG_NESTED_MOUNTPOINT = 2;
    /** Regular file. */
    public static final long FLAG_FILE = 4;
    /** Symbolic link. */
    public static final long FLAG_LINK = 8;
    /** Nested-catalog root (the entry in the child catalog). */
    public static final long FLAG_NESTED_ROOT = 32;
    /** Chunked file. */
    public static final long FLAG_CHUNKED = 64;
    /** External file. */
    public static final long FLAG_EXTERNAL = 128;
    /** Hidden: not listed. */
    public static final long FLAG_HIDDEN = 0x8000;

    /** Copies the xattr blob. */
    public CatalogRow {
        xattr = xattr == null ? null : xattr.clone();
    }

    /** @return a copy of the packed extended attributes, or {@code null} */
    @Override
    public byte[] xattr() {
        return xattr == null ? null : xattr.clone();
    }

    /** @return the link count */
    public long linkCount() {
        return hardlinks & 0xffffffffL;
    }

    /** @return the hard-link group, 0 for none */
    public long hardlinkGroup() {
        return hardlinks >>> 32;
    }

    /**
     * @param flag one of the {@code FLAG_} constants
     * @return whether it is set
     */
    public boolean has(long flag) {
        return (flags & flag) != 0;
    }

    /** @return the file type bits of the mode */
    public int typeBits() {
        return mode & 0170000;
    }
}
