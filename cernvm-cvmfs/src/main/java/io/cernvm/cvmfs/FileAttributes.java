package io.cernvm.cvmfs;

import java.time.Instant;
import java.util.Objects;

/**
 * What the catalog says about one entry, as libcvmfs reports it ({@code cvmfs_stat_attr}).
 * Symlinks are not followed.
 *
 * @param path          absolute path inside the repository ({@code /} for the root)
 * @param type          the type, from the mode
 * @param mode          the full {@code st_mode}, type bits included
 * @param nlink         the link count (for hard links the group's shared count)
 * @param uid           owner as published
 * @param gid           group as published
 * @param size          the size; for a symlink the length in bytes of the expanded target
 * @param mtime         the modification time (with nanoseconds where the catalog has them)
 * @param chunks        as libcvmfs counts: 1 for an unchunked regular file, the number of
 *                      chunks for a chunked one, 0 otherwise
 * @param hash          the content hash in hex with algorithm id and without type suffix, or
 *                      {@code null} when the catalog row has none
 * @param checksum      libcvmfs's {@code cvm_checksum}: {@code hash}, or for a chunked file
 *                      without one the "artificial" hash over its chunks' digests; {@code null}
 *                      for non-files
 * @param rawTarget     a symlink's target as stored, or {@code null}
 * @param target        a symlink's target with {@code $(VAR)} expanded, or {@code null}
 * @param hardlinkGroup the hard-link group within its catalog, 0 for none
 * @param fileKey       identity: equal for entries that are the same file (a hard-link group)
 * @param catalog       the mountpoint of the catalog holding the entry ({@code /} for the root
 *                      catalog)
 * @param nestedCatalogMountpoint whether a nested catalog is mounted here
 * @param external      whether a regular file's content is external data, served from
 *                      {@code CVMFS_EXTERNAL_URL} rather than the repository (upstream's
 *                      {@code user.external_file})
 * @param externalUrl   for an external file, its URL on the external host now in use
 *                      (upstream's {@code user.external_url}); {@code null} when not external
 *                      or when no {@code CVMFS_EXTERNAL_URL} is configured
 */
public record FileAttributes(String path, FileType type, int mode, long nlink, long uid, long gid, long size,
                             Instant mtime, int chunks, String hash, String checksum, String rawTarget,
                             String target, long hardlinkGroup, String fileKey, String catalog,
                             boolean nestedCatalogMountpoint, boolean external, String externalUrl) {

    /** Checks the required parts. */
    public FileAttributes {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(mtime, "mtime");
        Objects.requireNonNull(fileKey, "fileKey");
        Objects.requireNonNull(catalog, "catalog");
        if (size < 0 || chunks < 0 || nlink < 0) {
            throw new IllegalArgumentException("negative size, chunks or nlink");
        }
        if ((external && type != FileType.FILE) || (externalUrl != null && !external)) {
            throw new IllegalArgumentException("only an external regular file has an external URL");
        }
        if ((type == FileType.SYMLINK) != (rawTarget != null)) {
            throw new IllegalArgumentException("a symlink and only a symlink has a target");
        }
    }

    /** @return the permission bits ({@code mode & 07777}) */
    public int permissions() {
        return mode & 07777;
    }

    /** @return whether this is a directory */
    public boolean isDirectory() {
        return type == FileType.DIRECTORY;
    }

    /** @return whether this is a regular file */
    public boolean isRegularFile() {
        return type == FileType.FILE;
    }

    /** @return whether this is a symbolic link */
    public boolean isSymbolicLink() {
        return type == FileType.SYMLINK;
    }
}
