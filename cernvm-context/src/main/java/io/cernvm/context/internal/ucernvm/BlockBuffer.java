package io.cernvm.context.internal.ucernvm;

import java.util.ArrayList;
import java.util.List;

/**
 * Bytes collected in fixed 256 KiB blocks and joined once at the end. A growing single array
 * (as {@code ByteArrayOutputStream}) copies itself at every doubling and, near a 64 MiB limit,
 * needs 96 MiB of contiguous heap at once — enough to run a small heap out of memory while
 * refusing a gzip bomb.
 */
final class BlockBuffer {

    /** Below half a G1 region of a small heap, so no block is a humongous allocation. */
    private static final int BLOCK = 256 << 10;

    private final List<byte[]> full = new ArrayList<>();
    private byte[] current = new byte[0];
    private int used;
    private long size;

    /** @return the number of bytes written */
    long size() {
        return size;
    }

    /** Appends {@code len} bytes of {@code b} from {@code off}. */
    void write(byte[] b, int off, int len) {
        while (len > 0) {
            if (used == current.length) {
                if (current.length > 0) {
                    full.add(current);
                }
                current = new byte[BLOCK];
                used = 0;
            }
            int n = Math.min(len, current.length - used);
            System.arraycopy(b, off, current, used, n);
            used += n;
            off += n;
            len -= n;
            size += n;
        }
    }

    /** @return every byte written, in one array */
    byte[] toByteArray() {
        byte[] out = new byte[Math.toIntExact(size)];
        int p = 0;
        for (byte[] block : full) {
            System.arraycopy(block, 0, out, p, block.length);
            p += block.length;
        }
        System.arraycopy(current, 0, out, p, used);
        return out;
    }
}
