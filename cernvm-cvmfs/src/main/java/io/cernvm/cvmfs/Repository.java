package io.cernvm.cvmfs;

import java.nio.channels.SeekableByteChannel;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One revision of a CernVM-FS repository, opened and verified by a {@link CvmfsClient}. Paths
 * are absolute inside the repository ({@code /} is the root, {@code /a/b}). Symlinks are
 * resolved as libcvmfs resolves them: in every directory component, and in the last component
 * by {@link #list}, {@link #open} and {@link #resolve} but not by {@link #stat},
 * {@link #readlink} and {@link #xattrs} (like {@code lstat}); an absolute target counts when it
 * lies below {@code /cvmfs/<name>} (see
 * {@link CvmfsClient.Builder#mountDirectory}); nothing resolves to a place outside the repository.
 * Every byte returned was verified against its hash first. Thread-safe.
 *
 * <p>Errors: {@link io.cernvm.api.NotFoundException} for a missing path (or one of the wrong
 * type), {@link io.cernvm.api.IntegrityException} for content that does not match its hash or
 * a malformed catalog, {@link io.cernvm.api.TrustException} for a refused trust chain,
 * {@link io.cernvm.api.AllMirrorsFailedException} when no server delivered.
 */
public interface Repository extends AutoCloseable {

    /** @return the repository name (FQRN) */
    String name();

    /** @return the revision opened (the root catalog's {@code revision}) */
    long revision();

    /** @return the root catalog hash opened (hex with algorithm id, no suffix) */
    String rootHash();

    /**
     * @return the verified current manifest (also when a tag or date chose an older revision);
     *         empty when opened by root hash, which skips it as upstream
     */
    Optional<Manifest> manifest();

    /** @return how the manifest was trusted; empty when opened by root hash */
    Optional<TrustStatus> trust();

    /** @return the tag this revision was opened at, if it was chosen by tag or date */
    Optional<Tag> tag();

    /** @return what was reported while opening (e.g. a revision setting that lost) */
    List<RepositoryWarning> warnings();

    /**
     * @param path a path
     * @return its attributes (a symlink's own)
     */
    FileAttributes stat(String path);

    /**
     * @param path a path, possibly through symlinks
     * @return the canonical path it names once every symlink is followed
     */
    String resolve(String path);

    /**
     * @param path a path
     * @return whether it exists
     */
    boolean exists(String path);

    /**
     * @param path a directory
     * @return its entries, without {@code .} and {@code ..}
     */
    List<DirectoryEntry> list(String path);

    /**
     * @param path a regular file
     * @return a read-only channel; chunks are fetched as reads reach them
     */
    SeekableByteChannel open(String path);

    /**
     * @param path a regular file
     * @return its whole content
     */
    byte[] readAllBytes(String path);

    /**
     * @param path a symlink
     * @return its target with {@code $(VAR)} expanded from the client's symlink environment
     */
    String readlink(String path);

    /**
     * @param path a path
     * @return its extended attributes (fresh copies of the values)
     */
    Map<String, byte[]> xattrs(String path);

    /** @return the tags of the repository's history (empty when it has none) */
    List<Tag> tags();

    /**
     * @param pin which revision
     * @return that revision of this repository, opened on the same transport; close it too
     */
    Repository at(RevisionPin pin);

    /**
     * @param tag a tag name
     * @return that tag's revision
     */
    default Repository atTag(String tag) {
        return at(RevisionPin.tag(tag));
    }

    /**
     * @param date a date
     * @return the newest tagged revision at or before it
     */
    default Repository at(Instant date) {
        return at(RevisionPin.date(date));
    }

    /**
     * @param rootHash a root catalog hash
     * @return the revision with that root catalog, without consulting the manifest
     */
    default Repository atRootHash(String rootHash) {
        return at(RevisionPin.rootHash(rootHash));
    }

    /** Releases the catalogs (and, with the last revision open, the transport). */
    @Override
    void close();
}
