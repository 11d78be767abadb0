package io.cernvm.cvmfs.nio;

import java.nio.file.attribute.PosixFileAttributes;

/**
 * The attributes of a repository entry: the POSIX ones, and what the catalog says beyond them
 * (the {@code cvmfs} view). Owner and group are principals named by the numeric ids as
 * published; times are the catalog's modification time; {@link #fileKey()} is equal for the
 * members of one hard-link group.
 */
public interface CvmfsFileAttributes extends PosixFileAttributes {

    /** @return the content hash, hex with algorithm id and without type suffix, or {@code null} (non-files, bulk-less chunked files) */
    String hash();

    /** @return libcvmfs's {@code cvm_checksum}: the hash, or the hash over a chunked file's chunks; {@code null} for non-files */
    String checksum();

    /** @return 1 for an unchunked regular file, the chunk count for a chunked one, 0 otherwise */
    int chunks();

    /** @return the mountpoint of the catalog holding the entry ({@code /} for the root catalog) */
    String catalog();

    /** @return the revision of the repository the entry was read from */
    long revision();

    /** @return a symlink's target as stored (with {@code $(VAR)} unexpanded), else {@code null} */
    String rawTarget();

    /** @return a symlink's target with {@code $(VAR)} expanded, else {@code null} */
    String target();

    /** @return the link count (for hard links the group's shared count) */
    long nlink();

    /** @return the owner's id as published */
    long uid();

    /** @return the group's id as published */
    long gid();

    /** @return the full {@code st_mode}, type bits included */
    int mode();

    /** @return the hard-link group within its catalog, 0 for none */
    long hardlinkGroup();

    /** @return whether a regular file is external data, read from {@code CVMFS_EXTERNAL_URL} (upstream's {@code user.external_file}) */
    boolean external();

    /**
     * @return an external file's URL on the external host now in use (upstream's
     *         {@code user.external_url}), or {@code null} when not external or when no
     *         {@code CVMFS_EXTERNAL_URL} is configured
     */
    String externalUrl();
}
