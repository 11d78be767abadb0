package io.cernvm.cvmfs.internal.object;

import io.cernvm.api.FaultLocation;
import io.cernvm.api.IntegrityException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * The object compression of CernVM-FS: a zlib stream (header and Adler-32, not raw deflate) at
 * the default level, as {@code compression/compression.cc} writes it.
 */
public final class ZlibCodec {

    private ZlibCodec() {
    }

    /**
     * Compresses as the server does ({@code Z_DEFAULT_COMPRESSION}).
     *
     * @param data plain bytes
     * @return a zlib stream
     */
    public static byte[] deflate(byte[] data) {
        Deflater d = new Deflater(Deflater.DEFAULT_COMPRESSION);
        try {
            d.setInput(data);
            d.finish();
            ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(64, data.length / 2));
            byte[] buf = new byte[64 * 1024];
            while (!d.finished()) {
                int n = d.deflate(buf);
                out.write(buf, 0, n);
            }
            return out.toByteArray();
        } finally {
            d.end();
        }
    }

    /**
     * Decompresses one whole zlib stream; trailing bytes, a truncated stream or output beyond
     * {@code maxLength} are refused.
     *
     * @param compressed the stream
     * @param maxLength  the largest acceptable output (guards against zip bombs)
     * @param location   where the bytes came from, for the error
     * @return the plain bytes
     * @throws IntegrityException when the stream is not valid zlib or too large
     */
    public static byte[] inflate(byte[] compressed, long maxLength, FaultLocation location) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(
                (int) Math.min(Math.max(64L, compressed.length * 4L), Math.min(maxLength + 1, 1 << 24)));
        try {
            inflateTo(compressed, out, maxLength, location);
        } catch (IOException e) {
            throw new IllegalStateException("an in-memory sink cannot fail", e);
        }
        return out.toByteArray();
    }

    /**
     * Decompresses one whole zlib stream into a sink, for objects too large to hold twice.
     *
     * @param compressed the stream
     * @param out        where the plain bytes go
     * @param maxLength  the largest acceptable output
     * @param location   where the bytes came from, for the error
     * @return the number of plain bytes written
     * @throws IntegrityException when the stream is not valid zlib or too large
     * @throws IOException        when the sink fails
     */
    public static long inflateTo(byte[] compressed, OutputStream out, long maxLength, FaultLocation location)
            throws IOException {
        Inflater inf = new Inflater();
        try {
            inf.setInput(compressed);
            byte[] buf = new byte[64 * 1024];
            long total = 0;
            while (!inf.finished()) {
                int n = inf.inflate(buf);
                if (n == 0) {
                    if (inf.finished()) {
                        break;
                    }
                    if (inf.needsInput() || inf.needsDictionary()) {
                        throw new IntegrityException("zlib stream is truncated", location);
                    }
                    continue;
                }
                total += n;
                if (total > maxLength) {
                    throw new IntegrityException("object inflates to more than " + maxLength + " bytes", location);
                }
                out.write(buf, 0, n);
            }
            if (inf.getRemaining() > 0) {
                throw new IntegrityException("trailing bytes after the zlib stream", location);
            }
            return total;
        } catch (DataFormatException e) {
            throw new IntegrityException("not a zlib stream: " + e.getMessage(), location, e);
        } finally {
            inf.end();
        }
    }
}
