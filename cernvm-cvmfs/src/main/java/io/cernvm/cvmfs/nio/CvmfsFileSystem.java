package io.cernvm.cvmfs.nio;

import io.cernvm.api.NotFoundException;
import io.cernvm.cvmfs.FileAttributes;
import io.cernvm.cvmfs.FileType;
import io.cernvm.cvmfs.Repository;
import java.io.IOException;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.AccessMode;
import java.nio.file.ClosedFileSystemException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileStore;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.NotLinkException;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.WatchService;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.UserPrincipal;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.nio.file.attribute.UserPrincipalNotFoundException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One CernVM-FS repository, at one revision, as a read-only file system: made by
 * {@link CvmfsFileSystemProvider} for a {@code cvmfs://<fqrn>/} URI. The separator is
 * {@code /} and the only root directory is {@code /}, the repository's root. Closing it closes
 * the repository; a later {@code Path.of(URI)} opens it again. Thread-safe.
 */
public final class CvmfsFileSystem extends FileSystem {

    private final CvmfsFileSystemProvider provider;
    private final Repository repository;
    private final CvmfsPath root;
    private final CvmfsFileStore store;
    private volatile boolean open = true;

    CvmfsFileSystem(CvmfsFileSystemProvider provider, Repository repository) {
        this.provider = provider;
        this.repository = repository;
        this.root = new CvmfsPath(this, true, List.of());
        this.store = new CvmfsFileStore(repository.name());
    }

    /** @return the repository name (FQRN), the authority of this file system's URIs */
    public String name() {
        return repository.name();
    }

    /**
     * @return the repository revision this file system reads (for its manifest, tags and
     *         warnings); closed with this file system
     */
    public Repository repository() {
        ensureOpen();
        return repository;
    }

    /** @return the provider that made this file system */
    @Override
    public CvmfsFileSystemProvider provider() {
        return provider;
    }

    /** Closes the repository; further use of this file system's paths fails. */
    @Override
    public void close() {
        synchronized (this) {
            if (!open) {
                return;
            }
            open = false;
        }
        provider.closed(this);
        repository.close();
    }

    /** @return whether it is open */
    @Override
    public boolean isOpen() {
        return open;
    }

    /** @return {@code true}: a repository is read only */
    @Override
    public boolean isReadOnly() {
        return true;
    }

    /** @return {@code "/"} */
    @Override
    public String getSeparator() {
        return "/";
    }

    /** @return the root {@code /} */
    @Override
    public Iterable<Path> getRootDirectories() {
        ensureOpen();
        return List.of(root);
    }

    /** @return the one read-only store of the repository */
    @Override
    public Iterable<FileStore> getFileStores() {
        ensureOpen();
        return List.of(store);
    }

    /** @return {@code basic}, {@code owner}, {@code posix} and {@code cvmfs} */
    @Override
    public Set<String> supportedFileAttributeViews() {
        return AttributeProvider.NAMES;
    }

    /**
     * @param first the path string or its first part
     * @param more  further parts, joined with {@code /}
     * @return the path; parsing touches no repository
     * @throws java.nio.file.InvalidPathException when the string holds a NUL character
     */
    @Override
    public CvmfsPath getPath(String first, String... more) {
        return CvmfsPath.parse(this, PathNames.join(first, more));
    }

    /**
     * @param syntaxAndPattern {@code glob:…} or {@code regex:…}, matched against the path's string form
     * @return the matcher
     */
    @Override
    public PathMatcher getPathMatcher(String syntaxAndPattern) {
        int colon = syntaxAndPattern.indexOf(':');
        if (colon <= 0) {
            throw new IllegalArgumentException("expected syntax:pattern, got " + syntaxAndPattern);
        }
        String syntax = syntaxAndPattern.substring(0, colon);
        String pattern = syntaxAndPattern.substring(colon + 1);
        Pattern p;
        if (syntax.equalsIgnoreCase("glob")) {
            p = Pattern.compile(GlobPattern.toRegex(pattern));
        } else if (syntax.equalsIgnoreCase("regex")) {
            p = Pattern.compile(pattern);
        } else {
            throw new UnsupportedOperationException("unknown pattern syntax '" + syntax + "'; use glob or regex");
        }
        return path -> path instanceof CvmfsPath && p.matcher(path.toString()).matches();
    }

    /** @return a lookup of numeric principals: a name is a decimal uid or gid */
    @Override
    public UserPrincipalLookupService getUserPrincipalLookupService() {
        return new UserPrincipalLookupService() {
            @Override
            public UserPrincipal lookupPrincipalByName(String name) throws IOException {
                return new NumericPrincipal.User(id(name));
            }

            @Override
            public GroupPrincipal lookupPrincipalByGroupName(String group) throws IOException {
                return new NumericPrincipal.Group(id(group));
            }

            private long id(String name) throws UserPrincipalNotFoundException {
                try {
                    long id = Long.parseLong(name);
                    if (id >= 0) {
                        return id;
                    }
                } catch (NumberFormatException e) {
                    // falls through: only numeric ids are published
                }
                throw new UserPrincipalNotFoundException(name);
            }
        };
    }

    /** @throws UnsupportedOperationException always: a revision never changes */
    @Override
    public WatchService newWatchService() {
        throw new UnsupportedOperationException("a CernVM-FS revision never changes; there is nothing to watch");
    }

    /** @return {@code cvmfs://<fqrn>/} */
    @Override
    public String toString() {
        return CvmfsFileSystemProvider.SCHEME + "://" + name() + "/";
    }

    // ---- operations behind the provider ------------------------------------------------

    CvmfsPath root() {
        return root;
    }

    FileStore store() {
        return store;
    }

    void ensureOpen() {
        if (!open) {
            throw new ClosedFileSystemException();
        }
    }

    private static String inside(CvmfsPath path) {
        return path.toAbsolutePath().toString();
    }

    private static NoSuchFileException noSuchFile(CvmfsPath path, NotFoundException e) {
        NoSuchFileException x = new NoSuchFileException(path.toString(), null, e.getMessage());
        x.initCause(e);
        return x;
    }

    private FileAttributes stat(CvmfsPath path, boolean follow) throws NoSuchFileException {
        ensureOpen();
        String p = inside(path);
        try {
            return repository.stat(follow ? repository.resolve(p) : p);
        } catch (NotFoundException e) {
            throw noSuchFile(path, e);
        }
    }

    CvmfsFileAttributes attributes(CvmfsPath path, boolean follow) throws IOException {
        return new EntryAttributes(stat(path, follow), repository.revision());
    }

    CvmfsPath realPath(CvmfsPath path, boolean follow) throws IOException {
        ensureOpen();
        if (!follow) {
            stat(path, false);
            return path.toAbsolutePath().normalize();
        }
        try {
            return getPath(repository.resolve(inside(path)));
        } catch (NotFoundException e) {
            throw noSuchFile(path, e);
        }
    }

    SeekableByteChannel open(CvmfsPath path, boolean follow) throws IOException {
        FileAttributes a = stat(path, follow);
        if (a.type() == FileType.SYMLINK) {
            throw new FileSystemException(path.toString(), null, "is a symbolic link and NOFOLLOW_LINKS was given");
        }
        if (a.type() == FileType.DIRECTORY) {
            throw new FileSystemException(path.toString(), null, "Is a directory");
        }
        if (a.type() != FileType.FILE) {
            throw new FileSystemException(path.toString(), null, "not a regular file: " + a.type());
        }
        try {
            return repository.open(a.path());
        } catch (NotFoundException e) {
            throw noSuchFile(path, e);
        }
    }

    DirectoryStream<Path> list(CvmfsPath dir, DirectoryStream.Filter<? super Path> filter) throws IOException {
        FileAttributes a = stat(dir, true);
        if (a.type() != FileType.DIRECTORY) {
            throw new NotDirectoryException(dir.toString());
        }
        List<CvmfsPath> entries = new ArrayList<>();
        try {
            repository.list(a.path()).forEach(e -> entries.add(dir.resolve(new CvmfsPath(this, false, List.of(e.name())))));
        } catch (NotFoundException e) {
            throw noSuchFile(dir, e);
        }
        return new EntryDirectoryStream(entries, filter);
    }

    CvmfsPath readlink(CvmfsPath link) throws IOException {
        FileAttributes a = stat(link, false);
        if (a.type() != FileType.SYMLINK) {
            throw new NotLinkException(link.toString());
        }
        return getPath(a.target());
    }

    void checkAccess(CvmfsPath path, AccessMode... modes) throws IOException {
        FileAttributes a = stat(path, true);
        for (AccessMode m : modes) {
            if (m == AccessMode.WRITE) {
                throw new AccessDeniedException(path.toString(), null, "read-only file system");
            }
            if (m == AccessMode.EXECUTE && (a.mode() & 0111) == 0) {
                throw new AccessDeniedException(path.toString(), null, "no execute permission in mode " + Integer.toOctalString(a.mode()));
            }
        }
    }

    boolean isSameFile(CvmfsPath a, CvmfsPath b) throws IOException {
        if (a.equals(b)) {
            return true;
        }
        return stat(a, true).fileKey().equals(stat(b, true).fileKey());
    }
}
