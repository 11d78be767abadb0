package io.cernvm.cvmfs.internal.publish;

import io.cernvm.cvmfs.internal.object.ContentHash;
import io.cernvm.cvmfs.internal.object.HashAlgorithm;
import io.cernvm.cvmfs.internal.object.ObjectType;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.Deflater;

/**
 * The content-addressed {@code data/} area of a repository directory: objects are zlib streams
 * named by the hash of their compressed bytes ({@code ingestion/task_hash.cc}), written to
 * {@code data/txn/} first and renamed into {@code data/XX/} after an fsync. An object that
 * already exists is not written again (deduplication).
 */
public final class ObjectStore {
    private static final String TEMP_PREFIX = "publish-";

    private final Path storage;
    private final HashAlgorithm algorithm;
    private final AtomicLong tempCounter = new AtomicLong();
    private long written;
    private long deduplicated;

    /** @param storage the repository directory (holding {@code data/}); @param algorithm the content hash */
    public ObjectStore(Path storage, HashAlgorithm algorithm) {
        this.storage = storage;
        this.algorithm = algorithm;
    }

    /** Creates {@code data/00} … {@code data/ff} and {@code data/txn} as {@code cvmfs_server} does; clears our stale temporaries. */
    public void prepare() throws IOException {
        Path data = storage.resolve("data");
        for (int i = 0; i < 256; i++) {
            Files.createDirectories(data.resolve(HexFormat.of().toHexDigits((byte) i)));
        }
        Path txn = data.resolve("txn");
        Files.createDirectories(txn);
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
        return written;
    }

    /** @return the number of objects found already present */
    public long deduplicated() {
        return deduplicated;
    }

    /** Compresses, hashes and stores {@code plain} as one object of the given type. */
    public ContentHash put(byte[] plain, ObjectType type) throws IOException {
        try (Sink s = newSink()) {
            s.write(plain, 0, plain.length);
            return s.commit(type);
        }
    }

    /** Stores bytes already verified against {@code hash} as they are (a replica's copy). */
    public void putRaw(ContentHash hash, byte[] raw) throws IOException {
        Path target = storage.resolve(hash.objectPath());
        if (Files.exists(target)) {
            deduplicated++;
            return;
        }
        Path temp = storage.resolve("data").resolve("txn")
                .resolve(TEMP_PREFIX + ProcessHandle.current().pid() + "-" + tempCounter.incrementAndGet());
        Files.write(temp, raw);
        AtomicFiles.commit(temp, target);
        written++;
    }

    /** @return a streaming writer for one object */
    public Sink newSink() throws IOException {
        Path temp = storage.resolve("data").resolve("txn")
                .resolve(TEMP_PREFIX + ProcessHandle.current().pid() + "-" + tempCounter.incrementAndGet());
        return new Sink(temp);
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
            if (Files.exists(target)) {
                Files.delete(temp);
                deduplicated++;
            } else {
                AtomicFiles.commit(temp, target);
                written++;
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
