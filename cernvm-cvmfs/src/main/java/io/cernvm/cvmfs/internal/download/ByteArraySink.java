package io.cernvm.cvmfs.internal.download;

import io.cernvm.cvmfs.internal.transport.BodySink;
import java.util.Arrays;

/**
 * Gathers a body into one array, sized from the announced length so that a body of that
 * length is neither grown nor copied at the end.
 */
final class ByteArraySink implements BodySink {

    private byte[] buffer = new byte[0];
    private int size;

    @Override
    public void begin(long contentLength) {
        buffer = new byte[contentLength >= 0 ? (int) Math.min(contentLength, Integer.MAX_VALUE - 16) : 8192];
        size = 0;
    }

    @Override
    public void accept(byte[] bytes, int offset, int length) {
        if (length > buffer.length - size) {
            long wanted = Math.max((long) size + length, Math.max(8192L, buffer.length * 2L));
            buffer = Arrays.copyOf(buffer, (int) Math.min(wanted, Integer.MAX_VALUE - 8));
        }
        System.arraycopy(bytes, offset, buffer, size, length);
        size += length;
    }

    /** @return the bytes of the last attempt */
    byte[] bytes() {
        return size == buffer.length ? buffer : Arrays.copyOf(buffer, size);
    }
}
