package io.cernvm.cvmfs.internal.publish;

import io.cernvm.cvmfs.internal.object.ContentHash;
import io.cernvm.cvmfs.internal.object.HashAlgorithm;
import io.cernvm.cvmfs.internal.object.ObjectType;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.Deflater;

/**
 * The content-addressed {@code data/} area of a repository directory: objects are zlib streams
 * named by the hash of their compressed bytes ({@code ingestion/task_hash.cc}), written to
 * {@code data/txn/} first and renamed into {@code data/XX/}. An object that already exists is
 * not written again (deduplication).
 *
 * <p>Durability is deferred to {@link #sync()}, which the writer calls before the reflog and
 * manifest name the objects, so a reader never finds a manifest whose objects a crash lost; a
 * crash before {@code sync} leaves only unreferenced objects, which the next publish reuses or
 * ignores — reusing one only after checking its bytes against its name, since a power loss
 * before {@code sync} can leave a renamed object without its content (the mark
 * {@value #UNSYNCED_MARK} in {@code data/txn/} tells the next publish so). Upstream's local uploader ({@code upload_local.cc}) renames its temporaries into
 * place without any fsync; this store keeps the guarantee at the least cost it found: on Linux
 * one {@code syncfs} of the repository's file system ({@link FileSystemFlush}), which also
 * writes whatever else is dirty on that file system; elsewhere, or when that fails, one fsync
 * per object and per directory from 16 threads. An fsync and a directory
 * fsync after every object made publishing 10,000 small files about 40 times slower than
 * {@code tar czf}; the batched fsyncs still cost about a second of CPU for them, the
 * {@code syncfs} a few milliseconds of ours.
 *
 * <p>{@link #put(byte[], int, int, ObjectType)}, {@link #newSink()} and {@link #putRaw} may be
 * called from several threads.
 */
public final class ObjectStore {
    private static final String TEMP_PREFIX = "publish-";
    /**
     * Present in {@code data/txn/} (durably) from before the first object is renamed into place
     * until the objects are synced: finding it means a crash may have left object names whose
     * bytes never reached the disk.
     */
    static final String UNSYNCED_MARK = "objects-unsynced";
    /** Concurrent fsyncs, so the file system can group them into few journal commits. */
    private static final int SYNC_THREADS = 16;

    private final Path storage;
    private final HashAlgorithm algorithm;
    private final boolean flushFileSystem;
    private final AtomicLong tempCounter = new AtomicLong();
    private final List<Path> unsynced = new ArrayList<>();
    /** Objects this store has stored or is storing: a second writer of the same content skips it. */
    private final Set<String> claimed = ConcurrentHashMap.newKeySet();
    private final ConcurrentLinkedQueue<ObjectEncoder> encoders = new ConcurrentLinkedQueue<>();
    private final AtomicLong written = new AtomicLong();
    private final AtomicLong deduplicated = new AtomicLong();
    /** Whether {@link #UNSYNCED_MARK} is on disk for objects of this store not yet synced. */
    private boolean marked;
    /** Whether a crash left objects unsynced: existing objects are then checked before reuse. */
    private boolean distrustStored;

    /** @param storage the repository directory (holding {@code data/}); @param algorithm the content hash */
    public ObjectStore(Path storage, HashAlgorithm algorithm) {
        this(storage, algorithm, true);
    }

    /**
     * @param storage         the repository directory
     * @param algorithm       the content hash
     * @param flushFileSystem whether {@link #sync()} may flush the whole file system at once
     *                        ({@code false}: always one fsync per object)
     */
    public ObjectStore(Path storage, HashAlgorithm algorithm, boolean flushFileSystem) {
        this.storage = storage;
        this.algorithm = algorithm;
        this.flushFileSystem = flushFileSystem;
    }

    /** Creates {@code data/00} … {@code data/ff} and {@code data/txn} as {@code cvmfs_server} does; clears our stale temporaries. */
    public void prepare() throws IOException {
        Path data = storage.resolve("data");
        for (int i = 0; i < 256; i++) {
            Files.createDirectories(data.resolve(HexFormat.of().toHexDigits((byte) i)));
        }
        Path txn = data.resolve("txn");
        Files.createDirectories(txn);
        distrustStored = Files.exists(txn.resolve(UNSYNCED_MARK));
        marked = distrustStored;
        try (var s = Files.newDirectoryStream(txn, TEMP_PREFIX + "*")) {
            for (Path p : s) {
                Files.deleteIfExists(p);
            }
        }
        // Temporaries of an interrupted atomic replacement of .cvmfspublished and friends.
        try (var s = Files.newDirectoryStream(storage, ".cvmfs*" + AtomicFiles.TEMP_MARK + "*")) {
            for (Path p : s) {
                Files.deleteIfExists(p);
            }
        }
    }

    /** @return the content algorithm */
    public HashAlgorithm algorithm() {
        return algorithm;
    }

    /** @return the repository directory */
    public Path storage() {
        return storage;
    }

    /** @return the number of objects written so far */
    public long written() {
        return written.get();
    }

    /** @return the number of objects found already present */
    public long deduplicated() {
        return deduplicated.get();
    }

    /** Compresses, hashes and stores {@code plain} as one object of the given type. */
    public ContentHash put(byte[] plain, ObjectType type) throws IOException {
        return put(plain, 0, plain.length, type);
    }

    /**
     * Compresses, hashes and stores {@code plain[off, off + len)} as one object of the given
     * type, in memory and with one {@code write}; an object already present or being written
     * by another thread creates no file at all. Safe to call from several threads.
     */
    public ContentHash put(byte[] plain, int off, int len, ObjectType type) throws IOException {
        ObjectEncoder encoder = encoders.poll();
        if (encoder == null) {
            encoder = new ObjectEncoder(algorithm);
        }
        try {
            ContentHash hash = new ContentHash(algorithm, encoder.encode(plain, off, len), type);
            Path target = storage.resolve(hash.objectPath());
            if (!claim(hash, target)) {
                return hash;
            }
            Path temp = newTempPath();
            try (FileOutputStream out = new FileOutputStream(temp.toFile())) {
                out.write(encoder.bytes(), 0, encoder.length());
            } catch (IOException e) {
                Files.deleteIfExists(temp);
                claimed.remove(target.toString());
                throw e;
            }
            stored(temp, target);
            return hash;
        } finally {
            encoders.offer(encoder);
        }
    }

    /**
     * Claims {@code target} for writing: {@code false} (and counted as deduplicated) when it is
     * already in storage or another writer of this store has it. After a crash between objects
     * and their sync, an object in storage may be a name without its bytes: it is reused only
     * when its content still matches its name.
     */
    private boolean claim(ContentHash hash, Path target) throws IOException {
        if (!claimed.add(target.toString())) {
            deduplicated.incrementAndGet();
            return false;
        }
        if (Files.exists(target) && (!distrustStored || intact(hash, target))) {
            deduplicated.incrementAndGet();
            return false;
        }
        return true;
    }

    private static boolean intact(ContentHash hash, Path target) throws IOException {
        try {
            return hash.matches(Files.readAllBytes(target));
        } catch (java.nio.file.NoSuchFileException e) {
            return false;
        }
    }

    private Path newTempPath() {
        return storage.resolve("data").resolve("txn")
                .resolve(TEMP_PREFIX + ProcessHandle.current().pid() + "-" + tempCounter.incrementAndGet());
    }

    /** Stores bytes already verified against {@code hash} as they are (a replica's copy). */
    public void putRaw(ContentHash hash, byte[] raw) throws IOException {
        Path target = storage.resolve(hash.objectPath());
        if (!claim(hash, target)) {
            return;
        }
        Path temp = newTempPath();
        Files.write(temp, raw);
        stored(temp, target);
    }

    private void stored(Path temp, Path target) throws IOException {
        markUnsynced();
        AtomicFiles.rename(temp, target);
        synchronized (unsynced) {
            unsynced.add(target);
        }
        written.incrementAndGet();
    }

    /** Puts the unsynced mark durably on disk before the first object of a batch is renamed into place. */
    private void markUnsynced() throws IOException {
        synchronized (unsynced) {
            if (marked) {
                return;
            }
            Path txn = storage.resolve("data").resolve("txn");
            Path mark = txn.resolve(UNSYNCED_MARK);
            try (FileChannel ch = FileChannel.open(mark, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
                ch.force(true);
            }
            AtomicFiles.syncDirectory(txn);
            marked = true;
        }
    }

    /** Removes the unsynced mark once every object is durable. */
    private void clearUnsynced() throws IOException {
        synchronized (unsynced) {
            if (marked && unsynced.isEmpty()) {
                Files.deleteIfExists(storage.resolve("data").resolve("txn").resolve(UNSYNCED_MARK));
                marked = false;
            }
        }
    }

    /**
     * Makes every object stored since the last call durable: one flush of the file system where
     * the platform has it, else fsyncs of the files, then their directories, each batch from
     * {@link #SYNC_THREADS} threads.
     *
     * @throws IOException when an fsync fails
     */
    public void sync() throws IOException {
        List<Path> files;
        synchronized (unsynced) {
            files = new ArrayList<>(unsynced);
            unsynced.clear();
        }
        if (files.isEmpty()) {
            clearUnsynced();
            return;
        }
        if (flushFileSystem && FileSystemFlush.flush(storage)) {
            clearUnsynced();
            return;
        }
        List<Path> dirs = files.stream().map(Path::getParent).distinct().toList();
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(SYNC_THREADS, files.size()), r -> {
            Thread t = new Thread(r, "object-sync");
            t.setDaemon(true);
            return t;
        });
        try {
            forceAll(pool, files, false);
            forceAll(pool, dirs, true);
        } finally {
            pool.shutdownNow();
        }
        clearUnsynced();
    }

    private static void forceAll(ExecutorService pool, List<Path> paths, boolean directories) throws IOException {
        List<Future<?>> done = new ArrayList<>();
        for (Path p : paths) {
            done.add(pool.submit(() -> {
                if (directories) {
                    AtomicFiles.syncDirectory(p);
                } else {
                    AtomicFiles.force(p);
                }
                return null;
            }));
        }
        for (Future<?> f : done) {
            try {
                f.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new java.io.InterruptedIOException("interrupted while syncing objects");
            } catch (ExecutionException e) {
                throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
            }
        }
    }

    /** @return a streaming writer for one object */
    public Sink newSink() throws IOException {
        return new Sink(newTempPath());
    }

    /** @return whether the object is present */
    public boolean contains(ContentHash hash) {
        return Files.exists(storage.resolve(hash.objectPath()));
    }

    /** @return the stored (compressed) bytes of an object */
    public byte[] read(ContentHash hash) throws IOException {
        return Files.readAllBytes(storage.resolve(hash.objectPath()));
    }

    /** One object being written: plain bytes in, zlib bytes hashed and spooled to a temporary file. */
    public final class Sink implements AutoCloseable {
        private final Path temp;
        private final OutputStream out;
        private final Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION);
        private final HashAlgorithm.Hasher hasher = algorithm.newHasher();
        private final byte[] buffer = new byte[64 * 1024];
        private long plainSize;
        private boolean done;

        private Sink(Path temp) throws IOException {
            this.temp = temp;
            this.out = Files.newOutputStream(temp);
        }

        /** Feeds plain bytes. */
        public void write(byte[] b, int off, int len) throws IOException {
            deflater.setInput(b, off, len);
            plainSize += len;
            while (!deflater.needsInput()) {
                drain();
            }
        }

        /** @return the number of plain bytes fed */
        public long plainSize() {
            return plainSize;
        }

        private void drain() throws IOException {
            int n = deflater.deflate(buffer);
            if (n > 0) {
                hasher.update(buffer, 0, n);
                out.write(buffer, 0, n);
            }
        }

        /** Finishes the stream and moves it to its content address; returns that address. */
        public ContentHash commit(ObjectType type) throws IOException {
            deflater.finish();
            while (!deflater.finished()) {
                drain();
            }
            out.close();
            done = true;
            ContentHash hash = new ContentHash(algorithm, hasher.finish(), type);
            Path target = storage.resolve(hash.objectPath());
            if (!claim(hash, target)) {
                Files.delete(temp);
            } else {
                stored(temp, target);
            }
            return hash;
        }

        @Override
        public void close() throws IOException {
            deflater.end();
            if (!done) {
                out.close();
                Files.deleteIfExists(temp);
            }
        }
    }
}
