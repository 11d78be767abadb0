package io.cernvm.cvmfs.internal.publish;

import io.cernvm.api.FaultLocation;
import io.cernvm.api.IntegrityException;
import io.cernvm.cvmfs.internal.object.ContentHash;
import io.cernvm.cvmfs.internal.object.HashAlgorithm;
import io.cernvm.cvmfs.internal.object.ObjectType;
import io.cernvm.cvmfs.publish.ChunkingSettings;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns a regular file into objects as upstream's ingestion pipeline does: read, cut by the
 * xor32 detector when chunking is on and the file is larger than the minimum chunk size,
 * compress each piece, hash the compressed bytes. A file that yields a single chunk is stored as
 * a normal whole-file object ({@code task_register.cc}).
 *
 * <p>External files ({@code CVMFS_EXTERNAL_DATA}) are cut the same way, but each piece is hashed
 * as plain bytes, the form an external HTTP server serves them in (upstream pairs
 * {@code mkfs -X} with {@code -Z none}), and nothing goes to {@code data/}: no client reads an
 * external file from there, and {@code cvmfs_server check} skips them
 * ({@code swissknife_check.cc}).
 */
public final class FileIngester {
    /** Files up to this size that are not cut are read and compressed in memory, in one piece. */
    static final int IN_MEMORY_LIMIT = 4 * 1024 * 1024;

    private final ObjectStore store;
    private final ChunkingSettings chunking;
    private final boolean external;

    /** @param store where objects go; @param chunking the chunking settings */
    public FileIngester(ObjectStore store, ChunkingSettings chunking) {
        this(store, chunking, false);
    }

    /**
     * @param store    where objects go
     * @param chunking the chunking settings
     * @param external whether files are external: hashed uncompressed and not stored
     */
    public FileIngester(ObjectStore store, ChunkingSettings chunking, boolean external) {
        this.store = store;
        this.chunking = chunking;
        this.external = external;
    }

    /**
     * @param file         the file
     * @param expectedSize its size when the tree was scanned
     * @param repoPath     its repository path, for errors
     * @return its objects
     */
    public IngestedFile ingest(Path file, long expectedSize, String repoPath) throws IOException {
        boolean cut = chunking.enabled() && expectedSize > chunking.minSize();
        if (!cut && expectedSize <= IN_MEMORY_LIMIT) {
            byte[] whole = readWhole(file, (int) expectedSize, repoPath);
            ContentHash hash = external ? ContentHash.of(store.algorithm(), whole, ObjectType.FILE)
                    : store.put(whole, ObjectType.FILE);
            return new IngestedFile(expectedSize, hash, List.of(), external);
        }
        Xor32ChunkDetector detector = cut
                ? new Xor32ChunkDetector(chunking.minSize(), chunking.avgSize(), chunking.maxSize()) : null;
        List<FileChunk> chunks = new ArrayList<>();
        byte[] buf = new byte[256 * 1024];
        long total = 0;
        long chunkStart = 0;
        Piece sink = newPiece();
        try (InputStream in = Files.newInputStream(file)) {
            int n;
            while ((n = in.read(buf)) > 0) {
                if (Thread.currentThread().isInterrupted()) {
                    throw new InterruptedIOException("publishing was cancelled");
                }
                int from = 0;
                if (detector != null) {
                    for (int i = 0; i < n; i++) {
                        if (detector.cutBefore(buf[i])) {
                            sink.write(buf, from, i - from);
                            long size = total + i - chunkStart;
                            chunks.add(new FileChunk(chunkStart, size, sink.commit(ObjectType.PARTIAL)));
                            sink.close();
                            sink = newPiece();
                            chunkStart += size;
                            from = i;
                        }
                    }
                }
                sink.write(buf, from, n - from);
                total += n;
            }
            if (total != expectedSize) {
                throw new IntegrityException("file changed while publishing: size " + expectedSize + " became " + total,
                        FaultLocation.atPath(repoPath));
            }
            if (chunks.isEmpty()) {
                return new IngestedFile(total, sink.commit(ObjectType.FILE), List.of(), external);
            }
            chunks.add(new FileChunk(chunkStart, total - chunkStart, sink.commit(ObjectType.PARTIAL)));
            return new IngestedFile(total, null, chunks, external);
        } finally {
            sink.close();
        }
    }

    private Piece newPiece() throws IOException {
        if (!external) {
            ObjectStore.Sink stored = store.newSink();
            return new Piece() {
                @Override
                public void write(byte[] b, int off, int len) throws IOException {
                    stored.write(b, off, len);
                }

                @Override
                public ContentHash commit(ObjectType type) throws IOException {
                    return stored.commit(type);
                }

                @Override
                public void close() throws IOException {
                    stored.close();
                }
            };
        }
        HashAlgorithm.Hasher hasher = store.algorithm().newHasher();
        return new Piece() {
            @Override
            public void write(byte[] b, int off, int len) {
                hasher.update(b, off, len);
            }

            @Override
            public ContentHash commit(ObjectType type) {
                return new ContentHash(store.algorithm(), hasher.finish(), type);
            }

            @Override
            public void close() {
            }
        };
    }

    /** One piece of a file being cut: stored as an object, or only hashed (external). */
    private interface Piece extends AutoCloseable {
        void write(byte[] b, int off, int len) throws IOException;

        ContentHash commit(ObjectType type) throws IOException;

        @Override
        void close() throws IOException;
    }

    /** Reads a file that must still have {@code expectedSize} bytes (one more byte is looked for). */
    private static byte[] readWhole(Path file, int expectedSize, String repoPath) throws IOException {
        byte[] data = new byte[expectedSize];
        int total;
        boolean longer;
        try (InputStream in = new FileInputStream(file.toFile())) {
            total = in.readNBytes(data, 0, expectedSize);
            longer = total == expectedSize && in.read() >= 0;
        }
        if (total != expectedSize || longer) {
            throw new IntegrityException("file changed while publishing: size " + expectedSize + " became "
                    + (longer ? "larger" : Integer.toString(total)), FaultLocation.atPath(repoPath));
        }
        return data;
    }
}
