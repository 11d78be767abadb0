package io.cernvm.cvmfs.internal.publish;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * One scanned entry of the tree to publish, with everything the catalog row needs.
 *
 * @param name        last path component ({@code ""} for the root)
 * @param repoPath    repository path ({@code ""} for the root, else {@code /a/b})
 * @param source      the file in the tree
 * @param kind        what it is
 * @param mode        full {@code st_mode}, type bits included
 * @param uid         owner
 * @param gid         group
 * @param mtime       modification time, Unix seconds
 * @param mtimeNanos  nanosecond part of the modification time
 * @param size        {@code st_size}; the device number for devices; the target's byte length for symlinks
 * @param symlink     raw symlink target, or {@code ""}
 * @param xattrs      extended attributes by full name ({@code user.x}), sorted
 * @param inode       a (device, inode) key for regular files with more than one link, else {@code null}
 * @param children    directory entries, sorted by name; empty for non-directories
 */
public record TreeNode(String name, String repoPath, Path source, Kind kind, int mode, int uid, int gid,
        long mtime, int mtimeNanos, long size, String symlink, SortedMap<String, byte[]> xattrs, Object inode,
        List<TreeNode> children) {

    /** Entry kinds. */
    public enum Kind {
        /** A directory. */
        DIRECTORY,
        /** A regular file. */
        FILE,
        /** A symbolic link. */
        SYMLINK,
        /** A fifo, socket or device. */
        SPECIAL
    }

    /** Copies the collections. */
    public TreeNode {
        Objects.requireNonNull(kind, "kind");
        xattrs = new TreeMap<>(xattrs);
        children = List.copyOf(children);
    }

    /** @return the extended attributes */
    @Override
    public SortedMap<String, byte[]> xattrs() {
        return new TreeMap<>(xattrs);
    }

    /** @return whether the attribute map is non-empty */
    public boolean hasXattrs() {
        return !xattrs.isEmpty();
    }

    /** @return the raw attributes (not copied; callers must not modify) */
    Map<String, byte[]> xattrsView() {
        return xattrs;
    }

    /** @return the child with the given name, if any */
    public TreeNode child(String childName) {
        for (TreeNode c : children) {
            if (c.name.equals(childName)) {
                return c;
            }
        }
        return null;
    }
}
