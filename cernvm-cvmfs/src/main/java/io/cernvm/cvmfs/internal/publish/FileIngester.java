package io.cernvm.cvmfs.internal.publish;

import io.cernvm.api.FaultLocation;
import io.cernvm.api.IntegrityException;
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
 */
public final class FileIngester {
    /** Files up to this size that are not cut are read and compressed in memory, in one piece. */
    static final int IN_MEMORY_LIMIT = 4 * 1024 * 1024;

    private final ObjectStore store;
    private final ChunkingSettings chunking;

    /** @param store where objects go; @param chunking the chunking settings */
    public FileIngester(ObjectStore store, ChunkingSettings chunking) {
        this.store = store;
        this.chunking = chunking;
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
            return new IngestedFile(expectedSize, store.put(readWhole(file, (int) expectedSize, repoPath), ObjectType.FILE),
                    List.of());
        }
        Xor32ChunkDetector detector = cut
                ? new Xor32ChunkDetector(chunking.minSize(), chunking.avgSize(), chunking.maxSize()) : null;
        List<FileChunk> chunks = new ArrayList<>();
        byte[] buf = new byte[256 * 1024];
        long total = 0;
        long chunkStart = 0;
        ObjectStore.Sink sink = store.newSink();
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
                            sink = store.newSink();
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
                return new IngestedFile(total, sink.commit(ObjectType.FILE), List.of());
            }
            chunks.add(new FileChunk(chunkStart, total - chunkStart, sink.commit(ObjectType.PARTIAL)));
            return new IngestedFile(total, null, chunks);
        } finally {
            sink.close();
        }
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
