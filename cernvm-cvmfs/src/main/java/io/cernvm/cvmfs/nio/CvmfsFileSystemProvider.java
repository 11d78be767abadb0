package io.cernvm.cvmfs.nio;

import io.cernvm.cvmfs.config.ClientConfiguration;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.AccessMode;
import java.nio.file.CopyOption;
import java.nio.file.DirectoryStream;
import java.nio.file.FileStore;
import java.nio.file.FileSystemAlreadyExistsException;
import java.nio.file.LinkOption;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.ProviderMismatchException;
import java.nio.file.ReadOnlyFileSystemException;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.FileAttributeView;
import java.nio.file.attribute.FileOwnerAttributeView;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.spi.FileSystemProvider;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The {@code java.nio.file} provider of the {@code cvmfs} scheme, installed through
 * {@link java.util.ServiceLoader}: {@code cvmfs://<fqrn>/<path>} names an entry of a
 * CernVM-FS repository. It keeps one {@link CvmfsFileSystem} per repository; a repository not
 * yet opened with {@link java.nio.file.FileSystems#newFileSystem(URI, Map)} is opened from the
 * default configuration ({@code /etc/cvmfs}) on first use by {@link #getFileSystem(URI)} or
 * {@link Path#of(URI)}. The settings of the {@code env} map are listed in the
 * {@linkplain io.cernvm.cvmfs.nio package documentation}. Every operation that would write
 * throws {@link ReadOnlyFileSystemException}. Thread-safe.
 */
public final class CvmfsFileSystemProvider extends FileSystemProvider {

    /** The URI scheme, {@code cvmfs}. */
    public static final String SCHEME = "cvmfs";

    /**
     * {@code env} key: a directory laid out as a Stratum 0 serves it (holding
     * {@code .cvmfspublished}), read instead of {@code CVMFS_SERVER_URL}; a {@link Path} or a string.
     */
    public static final String LOCAL_REPOSITORY = "cernvm.cvmfs.localRepository";

    /** {@code env} key: the configuration root instead of {@code /etc/cvmfs}; a {@link Path} or a string. */
    public static final String CONFIG_ROOT = "cernvm.cvmfs.configRoot";

    /** {@code env} key: the {@link java.time.Clock} the whitelist expiry is checked with. */
    public static final String CLOCK = "cernvm.cvmfs.clock";

    /** {@code env} key: where decompressed catalogs live while open; a {@link Path} or a string. */
    public static final String WORK_DIRECTORY = "cernvm.cvmfs.workDirectory";

    /**
     * {@code env} key: a {@code Map<String, String>} of the variables {@code $(VAR)} in symlink
     * targets expand from (libcvmfs reads the process environment; here it is passed in); by
     * default none, so an unset variable expands to its default or to nothing.
     */
    public static final String SYMLINK_ENVIRONMENT = "cernvm.cvmfs.symlinkEnvironment";

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");

    private final Path defaultConfigRoot;
    private final Map<String, ?> defaults;
    private final Map<String, CvmfsFileSystem> fileSystems = new HashMap<>();

    /** The installed provider: configuration from {@code /etc/cvmfs}. */
    public CvmfsFileSystemProvider() {
        this(ClientConfiguration.DEFAULT_ROOT, Map.of());
    }

    /**
     * @param defaultConfigRoot the configuration root used when the {@code env} map names none
     * @param defaults          settings under every {@code env} map (e.g. a clock for tests)
     */
    CvmfsFileSystemProvider(Path defaultConfigRoot, Map<String, ?> defaults) {
        this.defaultConfigRoot = Objects.requireNonNull(defaultConfigRoot, "defaultConfigRoot");
        this.defaults = Map.copyOf(defaults);
    }

    private Map<String, Object> withDefaults(Map<String, ?> env) {
        Map<String, Object> all = new HashMap<>(defaults);
        all.putAll(Objects.requireNonNull(env, "env"));
        return all;
    }

    /** @return {@code cvmfs} */
    @Override
    public String getScheme() {
        return SCHEME;
    }

    /**
     * Opens a repository.
     *
     * @param uri {@code cvmfs://<fqrn>/} (a path is ignored)
     * @param env settings: upstream's parameter names and this SDK's keys (see the package documentation)
     * @return the file system
     * @throws FileSystemAlreadyExistsException when the repository is already open
     * @throws io.cernvm.api.CernVmException    when the configuration is malformed or the repository refused
     */
    @Override
    public CvmfsFileSystem newFileSystem(URI uri, Map<String, ?> env) throws IOException {
        String fqrn = repositoryOf(uri);
        synchronized (fileSystems) {
            if (fileSystems.containsKey(fqrn)) {
                throw new FileSystemAlreadyExistsException(SCHEME + "://" + fqrn + "/");
            }
            CvmfsFileSystem fs = new CvmfsFileSystem(this, ConfiguredRepository.open(fqrn, withDefaults(env), defaultConfigRoot));
            fileSystems.put(fqrn, fs);
            return fs;
        }
    }

    /**
     * @param uri {@code cvmfs://<fqrn>/…}
     * @return the open file system of the repository, opened from the default configuration if none is
     * @throws io.cernvm.api.ConfigurationException when it is not open and the default configuration
     *                                              does not describe it (no {@code CVMFS_SERVER_URL})
     */
    @Override
    public CvmfsFileSystem getFileSystem(URI uri) {
        String fqrn = repositoryOf(uri);
        synchronized (fileSystems) {
            return fileSystems.computeIfAbsent(fqrn, n -> new CvmfsFileSystem(this, ConfiguredRepository.open(n, defaults, defaultConfigRoot)));
        }
    }

    /**
     * @param uri {@code cvmfs://<fqrn>/<path>}
     * @return the path in the repository's file system (opened if needed)
     */
    @Override
    public CvmfsPath getPath(URI uri) {
        repositoryOf(uri);
        String path = uri.getPath();
        return getFileSystem(uri).getPath(path == null || path.isEmpty() ? "/" : path);
    }

    void closed(CvmfsFileSystem fs) {
        synchronized (fileSystems) {
            fileSystems.remove(fs.name(), fs);
        }
    }

    static String repositoryOf(URI uri) {
        Objects.requireNonNull(uri, "uri");
        if (!SCHEME.equalsIgnoreCase(uri.getScheme())) {
            throw new IllegalArgumentException("not a cvmfs: URI: " + uri);
        }
        if (uri.isOpaque() || uri.getRawAuthority() == null) {
            throw new IllegalArgumentException("a cvmfs: URI names its repository as authority, cvmfs://<fqrn>/<path>: " + uri);
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw new IllegalArgumentException("a cvmfs: URI has no query or fragment: " + uri);
        }
        String fqrn = uri.getRawAuthority();
        if (!NAME.matcher(fqrn).matches() || fqrn.length() > 255) {
            throw new IllegalArgumentException("not a repository name: " + fqrn + " in " + uri);
        }
        return fqrn;
    }

    static boolean follows(LinkOption... options) {
        for (LinkOption o : options) {
            if (o == LinkOption.NOFOLLOW_LINKS) {
                return false;
            }
            Objects.requireNonNull(o);
        }
        return true;
    }

    private static boolean follows(Set<? extends OpenOption> options) {
        return !options.contains(LinkOption.NOFOLLOW_LINKS);
    }

    private static CvmfsPath check(Path path) {
        Objects.requireNonNull(path, "path");
        if (!(path instanceof CvmfsPath p)) {
            throw new ProviderMismatchException("not a cvmfs: path: " + path);
        }
        return p;
    }

    private static void refuseWrites(Set<? extends OpenOption> options) {
        for (OpenOption o : options) {
            if (o == StandardOpenOption.WRITE || o == StandardOpenOption.APPEND || o == StandardOpenOption.CREATE
                    || o == StandardOpenOption.CREATE_NEW || o == StandardOpenOption.DELETE_ON_CLOSE) {
                throw new ReadOnlyFileSystemException();
            }
            if (!(o instanceof StandardOpenOption) && o != LinkOption.NOFOLLOW_LINKS) {
                throw new UnsupportedOperationException("unsupported open option " + o);
            }
        }
    }

    /**
     * @param path    a regular file
     * @param options {@link StandardOpenOption#READ} and {@link LinkOption#NOFOLLOW_LINKS}; any option that writes is refused
     * @param attrs   must be empty
     * @return a read-only channel with positioning; content is verified as it is fetched
     * @throws ReadOnlyFileSystemException when an option would write
     */
    @Override
    public SeekableByteChannel newByteChannel(Path path, Set<? extends OpenOption> options, FileAttribute<?>... attrs) throws IOException {
        CvmfsPath p = check(path);
        refuseWrites(options);
        if (attrs.length > 0) {
            throw new ReadOnlyFileSystemException();
        }
        return p.getFileSystem().open(p, follows(options));
    }

    /** @throws ReadOnlyFileSystemException when an option would write, else UnsupportedOperationException: no file channels */
    @Override
    public FileChannel newFileChannel(Path path, Set<? extends OpenOption> options, FileAttribute<?>... attrs) {
        check(path);
        refuseWrites(options);
        throw new UnsupportedOperationException("no file channels on cvmfs: paths; use newByteChannel");
    }

    /**
     * @param path    a regular file
     * @param options {@link StandardOpenOption#READ} and {@link LinkOption#NOFOLLOW_LINKS}
     * @return a stream over {@link #newByteChannel}
     */
    @Override
    public InputStream newInputStream(Path path, OpenOption... options) throws IOException {
        return Channels.newInputStream(newByteChannel(path, Set.of(options)));
    }

    /** @throws ReadOnlyFileSystemException always */
    @Override
    public OutputStream newOutputStream(Path path, OpenOption... options) {
        check(path);
        throw new ReadOnlyFileSystemException();
    }

    /**
     * @param dir    a directory (symlinks followed)
     * @param filter which entries to return, or {@code null} for all
     * @return its entries as {@code dir.resolve(name)}, listed now
     * @throws java.nio.file.NotDirectoryException when it is not a directory
     */
    @Override
    public DirectoryStream<Path> newDirectoryStream(Path dir, DirectoryStream.Filter<? super Path> filter) throws IOException {
        CvmfsPath p = check(dir);
        return p.getFileSystem().list(p, filter);
    }

    /** @throws ReadOnlyFileSystemException always */
    @Override
    public void createDirectory(Path dir, FileAttribute<?>... attrs) {
        check(dir);
        throw new ReadOnlyFileSystemException();
    }

    /** @throws ReadOnlyFileSystemException always */
    @Override
    public void createSymbolicLink(Path link, Path target, FileAttribute<?>... attrs) {
        check(link);
        throw new ReadOnlyFileSystemException();
    }

    /** @throws ReadOnlyFileSystemException always */
    @Override
    public void createLink(Path link, Path existing) {
        check(link);
        throw new ReadOnlyFileSystemException();
    }

    /** @throws ReadOnlyFileSystemException always */
    @Override
    public void delete(Path path) {
        check(path);
        throw new ReadOnlyFileSystemException();
    }

    /** @throws ReadOnlyFileSystemException always */
    @Override
    public boolean deleteIfExists(Path path) {
        check(path);
        throw new ReadOnlyFileSystemException();
    }

    /** @throws ReadOnlyFileSystemException always (copying out of a repository goes through the target's provider) */
    @Override
    public void copy(Path source, Path target, CopyOption... options) {
        check(target);
        throw new ReadOnlyFileSystemException();
    }

    /** @throws ReadOnlyFileSystemException always */
    @Override
    public void move(Path source, Path target, CopyOption... options) {
        check(source);
        throw new ReadOnlyFileSystemException();
    }

    /**
     * @param link a symbolic link
     * @return its target with {@code $(VAR)} expanded
     * @throws java.nio.file.NotLinkException when it is not a symbolic link
     */
    @Override
    public Path readSymbolicLink(Path link) throws IOException {
        CvmfsPath p = check(link);
        return p.getFileSystem().readlink(p);
    }

    /**
     * @return whether both name the same entry: equal paths, or the same file key (one hard-link group)
     */
    @Override
    public boolean isSameFile(Path path, Path path2) throws IOException {
        CvmfsPath a = check(path);
        if (!(path2 instanceof CvmfsPath b) || b.getFileSystem() != a.getFileSystem()) {
            return false;
        }
        return a.getFileSystem().isSameFile(a, b);
    }

    /** @return whether the file name starts with {@code .} */
    @Override
    public boolean isHidden(Path path) {
        CvmfsPath p = check(path);
        Path name = p.getFileName();
        return name != null && name.toString().startsWith(".");
    }

    /** @return the repository's read-only store, once the path is known to exist */
    @Override
    public FileStore getFileStore(Path path) throws IOException {
        CvmfsPath p = check(path);
        p.getFileSystem().attributes(p, true);
        return p.getFileSystem().store();
    }

    /**
     * Checks existence (symlinks followed) and access.
     *
     * @throws java.nio.file.AccessDeniedException for {@link AccessMode#WRITE}, and for
     *                                             {@link AccessMode#EXECUTE} without an execute bit
     */
    @Override
    public void checkAccess(Path path, AccessMode... modes) throws IOException {
        CvmfsPath p = check(path);
        p.getFileSystem().checkAccess(p, modes);
    }

    /**
     * @return the {@code basic}, {@code owner}, {@code posix} or {@code cvmfs} view, or {@code null} for another type
     */
    @Override
    @SuppressWarnings("unchecked")
    public <V extends FileAttributeView> V getFileAttributeView(Path path, Class<V> type, LinkOption... options) {
        CvmfsPath p = check(path);
        boolean follow = follows(options);
        String name;
        if (type == BasicFileAttributeView.class) {
            name = "basic";
        } else if (type == FileOwnerAttributeView.class) {
            name = "owner";
        } else if (type == PosixFileAttributeView.class) {
            name = "posix";
        } else if (type == CvmfsFileAttributeView.class) {
            name = "cvmfs";
        } else {
            return null;
        }
        return (V) new EntryAttributeView(name, p, follow);
    }

    /**
     * @return {@link BasicFileAttributes}, {@link PosixFileAttributes} or {@link CvmfsFileAttributes}, read now
     * @throws UnsupportedOperationException for another type
     */
    @Override
    @SuppressWarnings("unchecked")
    public <A extends BasicFileAttributes> A readAttributes(Path path, Class<A> type, LinkOption... options) throws IOException {
        CvmfsPath p = check(path);
        if (type != BasicFileAttributes.class && type != PosixFileAttributes.class && type != CvmfsFileAttributes.class) {
            throw new UnsupportedOperationException("no attributes of type " + type.getName());
        }
        return (A) p.getFileSystem().attributes(p, follows(options));
    }

    /**
     * @param attributes {@code [view:]name[,name]…} or {@code [view:]*} of the views {@code basic}, {@code owner},
     *                   {@code posix}, {@code cvmfs}
     * @return the attributes asked for
     */
    @Override
    public Map<String, Object> readAttributes(Path path, String attributes, LinkOption... options) throws IOException {
        CvmfsPath p = check(path);
        CvmfsFileAttributes a = p.getFileSystem().attributes(p, follows(options));
        return AttributeProvider.read(attributes, a);
    }

    /** @throws ReadOnlyFileSystemException always */
    @Override
    public void setAttribute(Path path, String attribute, Object value, LinkOption... options) {
        check(path);
        throw new ReadOnlyFileSystemException();
    }
}
