package io.cernvm.cvmfs.internal.object;

import io.cernvm.api.FaultLocation;
import io.cernvm.api.IntegrityException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.NonWritableChannelException;
import java.nio.channels.SeekableByteChannel;
import java.util.List;
import java.util.Objects;

/**
 * A read-only channel over a file's content: one object, or the chunks of a chunked file,
 * each fetched when a read first reaches it and verified before any of its bytes is returned.
 * A read at any offset fetches only the chunk holding it. Thread-safe (reads are serialised).
 */
public final class ContentChannel implements SeekableByteChannel {

    /**
     * One verified piece of the file.
     *
     * @param offset       where it starts in the file
     * @param size         its plain size
     * @param hash         its object
     * @param compression  how the object is stored
     * @param externalPath for external data, the file's percent-encoded repository path below
     *                     {@code CVMFS_EXTERNAL_URL}; {@code null} for an object under {@code data/}
     * @param ranged       for external data, whether the piece is a chunk fetched as a byte range
     */
    public record Segment(long offset, long size, ContentHash hash, ObjectCompression compression, String externalPath,
            boolean ranged) {
        /** Checks the parts. */
        public Segment {
            Objects.requireNonNull(hash, "hash");
            Objects.requireNonNull(compression, "compression");
            if (ranged && externalPath == null) {
                throw new IllegalArgumentException("only external data is fetched by range");
            }
        }

        /** An object under {@code data/}. */
        public Segment(long offset, long size, ContentHash hash, ObjectCompression compression) {
            this(offset, size, hash, compression, null, false);
        }
    }

    private final ObjectFetcher objects;
    private final List<Segment> segments;
    private final long size;
    private final String path;
    private long position;
    private int current = -1;
    private byte[] currentBytes;
    private boolean open = true;

    /**
     * @param objects  the verified object source
     * @param segments the pieces, contiguous from offset 0
     * @param size     the file size
     * @param path     the file's repository path, for errors
     * @throws IntegrityException when the segments do not tile the file
     */
    public ContentChannel(ObjectFetcher objects, List<Segment> segments, long size, String path) {
        this.objects = Objects.requireNonNull(objects, "objects");
        this.segments = List.copyOf(segments);
        this.size = size;
        this.path = path;
        long expected = 0;
        for (Segment s : this.segments) {
            if (s.offset() != expected || s.size() < 0) {
                throw new IntegrityException("chunks do not tile the file at offset " + expected, FaultLocation.atPath(path));
            }
            expected += s.size();
        }
        if (expected != size) {
            throw new IntegrityException("chunks cover " + expected + " bytes of a " + size + "-byte file", FaultLocation.atPath(path));
        }
    }

    @Override
    public synchronized int read(ByteBuffer dst) throws IOException {
        ensureOpen();
        if (position >= size) {
            return -1;
        }
        int total = 0;
        while (dst.hasRemaining() && position < size) {
            int index = segmentAt(position);
            byte[] bytes = load(index);
            Segment s = segments.get(index);
            int from = (int) (position - s.offset());
            int n = Math.min(dst.remaining(), bytes.length - from);
            dst.put(bytes, from, n);
            position += n;
            total += n;
        }
        return total;
    }

    private int segmentAt(long pos) {
        int lo = 0;
        int hi = segments.size() - 1;
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (segments.get(mid).offset() <= pos) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        while (segments.get(lo).size() == 0 && lo + 1 < segments.size()) {
            lo++;
        }
        return lo;
    }

    private byte[] load(int index) {
        if (index != current) {
            Segment s = segments.get(index);
            if (s.size() > Integer.MAX_VALUE - 8) {
                throw new IntegrityException("object too large to read whole: " + s.size(), FaultLocation.atPath(path));
            }
            byte[] b = s.externalPath() == null ? objects.fetch(s.hash(), s.compression(), s.size())
                    : objects.fetchExternal(s.hash(), s.compression(), s.size(), s.externalPath(), s.offset(),
                            s.ranged() ? s.size() : -1);
            if (b.length != s.size()) {
                throw new IntegrityException("object " + s.hash().toSuffixedString() + " holds " + b.length
                        + " bytes where the catalog promises " + s.size(),
                        objects.transport().locate(s.externalPath() == null ? s.hash().objectPath() : s.externalPath()));
            }
            currentBytes = b;
            current = index;
        }
        return currentBytes;
    }

    @Override
    public int write(ByteBuffer src) {
        throw new NonWritableChannelException();
    }

    @Override
    public synchronized long position() throws IOException {
        ensureOpen();
        return position;
    }

    @Override
    public synchronized SeekableByteChannel position(long newPosition) throws IOException {
        ensureOpen();
        if (newPosition < 0) {
            throw new IllegalArgumentException("negative position");
        }
        position = newPosition;
        return this;
    }

    @Override
    public synchronized long size() throws IOException {
        ensureOpen();
        return size;
    }

    @Override
    public SeekableByteChannel truncate(long newSize) {
        throw new NonWritableChannelException();
    }

    @Override
    public synchronized boolean isOpen() {
        return open;
    }

    @Override
    public synchronized void close() {
        open = false;
        currentBytes = null;
    }

    private void ensureOpen() throws ClosedChannelException {
        if (!open) {
            throw new ClosedChannelException();
        }
    }
}
