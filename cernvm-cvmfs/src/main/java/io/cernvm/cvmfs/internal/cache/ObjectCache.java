package io.cernvm.cvmfs.internal.cache;

import io.cernvm.api.ConfigurationException;
import io.cernvm.api.FaultLocation;
import io.cernvm.cvmfs.internal.object.ContentHash;
import io.cernvm.cvmfs.internal.object.HashAlgorithm;
import io.cernvm.cvmfs.internal.object.ObjectType;
import io.cernvm.cvmfs.internal.trust.Breadcrumb;
import io.cernvm.cvmfs.internal.trust.BreadcrumbStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * The client's disk cache in upstream's layout ({@code cache_posix.cc}): objects decompressed
 * at {@code XX/<rest of hex><algorithm id>} (no type suffix), written to {@code txn/} first,
 * fsync'ed and renamed into place, so a crash leaves either no object or a whole one; the
 * breadcrumb {@code cvmfschecksum.<fqrn>}; a quota with upstream's rule (an insert that would
 * pass the limit evicts least-recently-used objects down to half of it, {@code quota_posix.cc}).
 *
 * <p>Several processes may share one directory: every file appears by an atomic rename, reads
 * of an object another process evicts simply miss, and cleanups are serialised by a file lock.
 * Recency is the file's modification time, touched on every hit, so all processes see it.
 * Objects pinned by this process (loaded catalogs) are never evicted by it. A process about to
 * download a missing object first takes {@link #lockObject(ContentHash) its lock}, so two
 * processes missing one object at the same moment fetch it once: the second finds it cached.
 */
public final class ObjectCache implements BreadcrumbStore {

    /** Quota value meaning "unmanaged": never evict. */
    public static final long UNLIMITED = -1;

    private static final HexFormat HEX = HexFormat.of();
    private static final String OBJECT_LOCKS = "lock_fetch";

    private final Path root;
    private final long quotaBytes;
    private final Clock clock;
    private final AtomicLong usage = new AtomicLong();
    private final Set<String> pinned = ConcurrentHashMap.newKeySet();
    /**
     * One channel for every object lock this cache takes: POSIX record locks belong to the
     * process, and closing any descriptor of the file would drop all of them.
     */
    private FileChannel objectLocks;

    private ObjectCache(Path root, long quotaBytes, Clock clock) {
        this.root = root;
        this.quotaBytes = quotaBytes;
        this.clock = clock;
    }

    /**
     * Opens (creating when needed) a cache directory.
     *
     * @param directory  the cache directory, e.g. {@code CVMFS_CACHE_BASE/shared}
     * @param quotaBytes the quota, or {@link #UNLIMITED}
     * @param clock      the clock used to stamp recency
     * @return the cache
     * @throws ConfigurationException when the directory cannot be created or written
     */
    public static ObjectCache open(Path directory, long quotaBytes, Clock clock) {
        if (quotaBytes != UNLIMITED && quotaBytes <= 0) {
            throw new ConfigurationException("cache quota must be positive or -1 (unmanaged): " + quotaBytes,
                    FaultLocation.atKey("CVMFS_QUOTA_LIMIT", null, null));
        }
        try {
            Files.createDirectories(directory.resolve("txn"));
            Files.createDirectories(directory.resolve("quarantaine"));
            for (int i = 0; i < 256; i++) {
                Files.createDirectories(directory.resolve(String.format("%02x", i)));
            }
        } catch (IOException e) {
            throw new ConfigurationException("cannot create the cache directory " + directory + ": " + e.getMessage(),
                    FaultLocation.atPath(directory.toString()), e);
        }
        ObjectCache cache = new ObjectCache(directory, quotaBytes, clock);
        cache.usage.set(cache.scan().stream().mapToLong(CachedObject::size).sum());
        return cache;
    }

    /** @return the cache directory */
    public Path directory() {
        return root;
    }

    /** @return the bytes the cached objects take, as this process last counted them */
    public long usageBytes() {
        return usage.get();
    }

    /** @return the quota in bytes, or {@link #UNLIMITED} */
    public long quotaBytes() {
        return quotaBytes;
    }

    /**
     * @param hash the object
     * @return the object's file in the cache (whether or not it is there)
     */
    public Path fileOf(ContentHash hash) {
        String name = hash.toString();
        return root.resolve(name.substring(0, 2)).resolve(name.substring(2));
    }

    /**
     * Reads a cached object and marks it recently used.
     *
     * @param hash the object
     * @return its plain bytes, or empty on a miss
     */
    public Optional<byte[]> read(ContentHash hash) {
        Path f = fileOf(hash);
        try {
            byte[] data = Files.readAllBytes(f);
            touch(f);
            return Optional.of(data);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            return Optional.empty(); // an unreadable entry is a miss; fsck reports it
        }
    }

    /**
     * @param hash the object
     * @return its file when cached (marked recently used), for readers that open it in place
     */
    public Optional<Path> find(ContentHash hash) {
        Path f = fileOf(hash);
        if (!Files.isRegularFile(f)) {
            return Optional.empty();
        }
        touch(f);
        return Optional.of(f);
    }

    /**
     * Stores verified plain bytes atomically; evicts least-recently-used objects when the
     * insert would pass the quota.
     *
     * @param hash  the object (its hash was verified by the caller)
     * @param plain the decompressed bytes
     * @return the object's file
     */
    public Path store(ContentHash hash, byte[] plain) {
        Path target = fileOf(hash);
        if (quotaBytes != UNLIMITED && plain.length > quotaBytes / 2) {
            // Upstream caches nothing larger than limit - threshold; the caller keeps it in memory.
            return target;
        }
        if (quotaBytes != UNLIMITED && usage.get() + plain.length > quotaBytes) {
            cleanup(quotaBytes / 2 - plain.length);
        }
        try {
            Path tmp = Files.createTempFile(root.resolve("txn"), "fetch.", ".tmp");
            try {
                try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                    ByteBuffer b = ByteBuffer.wrap(plain);
                    while (b.hasRemaining()) {
                        ch.write(b);
                    }
                    ch.force(true);
                }
                boolean existed = Files.exists(target);
                moveAtomically(tmp, target);
                if (!existed) {
                    usage.addAndGet(plain.length);
                }
            } finally {
                Files.deleteIfExists(tmp);
            }
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target + " into the cache", e);
        }
    }

    /**
     * Stores a file of verified plain bytes atomically (a copy; the source stays), as
     * {@link #store(ContentHash, byte[])} does for bytes in memory.
     *
     * @param hash  the object (its hash was verified by the caller)
     * @param plain a file holding the decompressed bytes
     * @return the object's file
     */
    public Path storeFile(ContentHash hash, Path plain) {
        Path target = fileOf(hash);
        try {
            long size = Files.size(plain);
            if (quotaBytes != UNLIMITED && size > quotaBytes / 2) {
                return target;
            }
            if (quotaBytes != UNLIMITED && usage.get() + size > quotaBytes) {
                cleanup(quotaBytes / 2 - size);
            }
            Path tmp = Files.createTempFile(root.resolve("txn"), "fetch.", ".tmp");
            try {
                Files.copy(plain, tmp, StandardCopyOption.REPLACE_EXISTING);
                try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                    ch.force(true);
                }
                boolean existed = Files.exists(target);
                moveAtomically(tmp, target);
                if (!existed) {
                    usage.addAndGet(size);
                }
            } finally {
                Files.deleteIfExists(tmp);
            }
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target + " into the cache", e);
        }
    }

    /**
     * @param hash an object
     * @return whether it is cached
     */
    public boolean contains(ContentHash hash) {
        return Files.isRegularFile(fileOf(hash));
    }

    /**
     * Takes the machine-wide lock of one object, waiting while another process or another
     * cache instance of this process holds it. Callers download a missing object under it and
     * look into the cache again once they hold it.
     *
     * <p>The lock is a one-byte record lock in {@code lock_fetch} at an offset taken from the
     * hash (a different object sharing the offset only waits a little longer). A thread
     * interrupted while waiting closes the shared channel (as every interruptible channel does),
     * which releases this process's other object locks early: at worst an object is then
     * fetched twice, never stored half-written.
     *
     * @param hash the object
     * @return the held lock; closing it releases the lock
     * @throws UncheckedIOException when the lock file cannot be opened or locked
     */
    public ObjectLock lockObject(ContentHash hash) {
        byte[] d = hash.digest();
        long offset = ((d[0] & 0xffL) << 24 | (d[1] & 0xffL) << 16 | (d[2] & 0xffL) << 8 | (d[3] & 0xffL));
        FileChannel channel = objectLockChannel();
        try {
            while (true) {
                try {
                    return new ObjectLock(channel.lock(offset, 1, false));
                } catch (OverlappingFileLockException e) {
                    // held elsewhere in this JVM (another fetcher or cache instance on this directory): wait a little
                    Thread.sleep(2);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot lock " + root.resolve(OBJECT_LOCKS) + " for " + hash, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UncheckedIOException(new java.io.InterruptedIOException("interrupted waiting for the lock of " + hash));
        }
    }

    private synchronized FileChannel objectLockChannel() {
        if (objectLocks == null || !objectLocks.isOpen()) {
            try {
                objectLocks = FileChannel.open(root.resolve(OBJECT_LOCKS), StandardOpenOption.CREATE, StandardOpenOption.READ,
                        StandardOpenOption.WRITE);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot open " + root.resolve(OBJECT_LOCKS), e);
            }
        }
        return objectLocks;
    }

    /** A held object lock (see {@link #lockObject(ContentHash)}). */
    public static final class ObjectLock implements AutoCloseable {
        private final FileLock lock;

        private ObjectLock(FileLock lock) {
            this.lock = lock;
        }

        /** Releases the lock. */
        @Override
        public void close() {
            try {
                lock.release();
            } catch (IOException ignored) {
                // the channel is gone, and the lock with it
            }
        }
    }

    /**
     * Keeps an object from eviction by this process (a loaded catalog).
     *
     * @param hash the object
     */
    public void pin(ContentHash hash) {
        pinned.add(hash.toString());
    }

    /**
     * @param hash an object pinned before
     */
    public void unpin(ContentHash hash) {
        pinned.remove(hash.toString());
    }

    /**
     * Evicts least-recently-used, unpinned objects until the cache holds at most
     * {@code targetBytes}; serialised across processes by {@code lock_cleanup}.
     *
     * @param targetBytes the usage to reach
     * @return how many objects were evicted
     */
    public int cleanup(long targetBytes) {
        try (FileChannel lockFile = FileChannel.open(root.resolve("lock_cleanup"),
                StandardOpenOption.CREATE, StandardOpenOption.WRITE);
             FileLock lock = lockFile.lock()) {
            List<CachedObject> objects = scan();
            long total = objects.stream().mapToLong(CachedObject::size).sum();
            objects.sort(Comparator.comparing(CachedObject::lastUse));
            int evicted = 0;
            for (CachedObject o : objects) {
                if (total <= targetBytes) {
                    break;
                }
                if (pinned.contains(o.name())) {
                    continue;
                }
                if (Files.deleteIfExists(o.file())) {
                    total -= o.size();
                    evicted++;
                }
            }
            usage.set(total);
            return evicted;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot clean the cache " + root, e);
        }
    }

    /** @return every object file in the cache, with its size and last use */
    List<CachedObject> scan() {
        List<CachedObject> out = new ArrayList<>();
        for (int i = 0; i < 256; i++) {
            String dir = String.format("%02x", i);
            try (Stream<Path> files = Files.list(root.resolve(dir))) {
                files.forEach(f -> {
                    try {
                        var attrs = Files.readAttributes(f, java.nio.file.attribute.BasicFileAttributes.class);
                        if (attrs.isRegularFile()) {
                            out.add(new CachedObject(dir + f.getFileName(), f, attrs.size(),
                                    attrs.lastModifiedTime().toInstant()));
                        }
                    } catch (IOException ignored) {
                        // evicted by another process while we looked
                    }
                });
            } catch (NoSuchFileException ignored) {
                // a directory removed by hand; open() recreates it next time
            } catch (IOException e) {
                throw new UncheckedIOException("cannot list the cache " + root, e);
            }
        }
        return out;
    }

    /**
     * The content hash a cache file name stands for, with the algorithm from its length.
     *
     * @param name the two-character directory and the file name, concatenated
     * @return the hash (typed as a regular file object), or empty for a foreign file
     */
    static Optional<ContentHash> hashOf(String name) {
        return ContentHash.tryParse(name, ObjectType.FILE);
    }

    @Override
    public Optional<Breadcrumb> load(String repository) {
        try {
            return Breadcrumb.parse(Files.readString(breadcrumbFile(repository), StandardCharsets.US_ASCII));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the breadcrumb of " + repository, e);
        }
    }

    @Override
    public void store(String repository, Breadcrumb breadcrumb) {
        writeState(breadcrumbFile(repository), breadcrumb.toString(), "the breadcrumb of " + repository);
    }

    /**
     * Records the history database of the newest manifest this process verified, so offline
     * mode can still resolve tag and date pins ({@code cvmfshistory.<fqrn>}; upstream keeps no
     * such file, and ignores it).
     *
     * @param repository the repository name
     * @param history    the history database object, which the caller has put in this cache
     */
    public void rememberHistory(String repository, ContentHash history) {
        writeState(stateFile("cvmfshistory.", repository), history.toString(), "the history pointer of " + repository);
    }

    /** Replaces a small state file atomically and durably (temporary in {@code txn/}, fsync, rename). */
    private void writeState(Path target, String text, String what) {
        try {
            Path tmp = Files.createTempFile(root.resolve("txn"), "state.", ".tmp");
            try {
                Files.writeString(tmp, text, StandardCharsets.US_ASCII, StandardOpenOption.SYNC);
                moveAtomically(tmp, target);
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + what, e);
        }
    }

    /**
     * @param repository the repository name
     * @return the history database {@link #rememberHistory remembered} for it, if any (an
     *         unreadable record is treated as none)
     */
    public Optional<ContentHash> rememberedHistory(String repository) {
        try {
            String text = Files.readString(stateFile("cvmfshistory.", repository), StandardCharsets.US_ASCII).strip();
            return ContentHash.tryParse(text, ObjectType.HISTORY);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the history pointer of " + repository, e);
        }
    }

    private Path breadcrumbFile(String repository) {
        return stateFile("cvmfschecksum.", repository);
    }

    private Path stateFile(String prefix, String repository) {
        if (repository.isEmpty() || repository.contains("/") || repository.contains("\0") || repository.startsWith(".")) {
            throw new IllegalArgumentException("not a repository name: " + repository);
        }
        return root.resolve(prefix + repository);
    }

    private void touch(Path f) {
        try {
            Files.setLastModifiedTime(f, FileTime.from(clock.instant()));
        } catch (IOException ignored) {
            // evicted meanwhile; recency does not matter any more
        }
    }

    private static void moveAtomically(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            throw new IOException("the cache needs a file system with atomic rename: " + to, e);
        }
    }

    /** @return the lowercase hex of bytes, for reports */
    static String hex(byte[] b) {
        return HEX.formatHex(b);
    }

    /** Whether the algorithm of a name can be told from it. */
    static boolean isObjectName(String name) {
        return HashAlgorithm.fromHexLength(name.length()).isPresent();
    }
}
