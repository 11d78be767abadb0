package io.cernvm.context.internal.mime;

import java.io.ByteArrayOutputStream;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * gzip decompression with the rules of CPython 3.11's {@code gzip.GzipFile.read()}, which
 * cloud-init's {@code util.decomp_gzip} uses: any number of members, zero padding between and
 * after members, CRC-32 and length checked, anything else (a truncated stream, trailing bytes
 * that are not a member) an error. Output is bounded.
 */
final class PyGzip {
    private PyGzip() {
    }

    /** Why decompression failed, with Python's message. */
    static final class GzipFailure extends Exception {
        private static final long serialVersionUID = 1L;
        private final boolean limit;

        GzipFailure(String message, boolean limit) {
            super(message, null, false, false);
            this.limit = limit;
        }

        /** @return whether the output limit was hit (cloud-init itself would have continued) */
        boolean isLimit() {
            return limit;
        }
    }

    private static final String EOF = "Compressed file ended before the end-of-stream marker was reached";

    /**
     * @param data     the compressed bytes
     * @param maxBytes the most bytes to produce
     * @return the decompressed bytes (empty for empty input, as Python returns)
     * @throws GzipFailure where Python raises, or at the limit
     */
    static byte[] decompress(byte[] data, long maxBytes) throws GzipFailure {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int pos = 0;
        byte[] buf = null;
        while (true) {
            if (pos >= data.length) {
                return out.toByteArray();
            }
            pos = readHeader(data, pos);
            if (buf == null) {
                buf = new byte[16 * 1024];
            }
            Inflater inflater = new Inflater(true);
            CRC32 crc = new CRC32();
            long memberSize = 0;
            int lastRemaining = -1;
            try {
                inflater.setInput(data, pos, data.length - pos);
                while (!inflater.finished()) {
                    int n;
                    try {
                        n = inflater.inflate(buf);
                    } catch (DataFormatException e) {
                        throw new GzipFailure("Error -3 while decompressing data: " + e.getMessage(), false);
                    }
                    if (n == 0 && !inflater.finished()) {
                        int remaining = inflater.getRemaining();
                        if (inflater.needsInput() || inflater.needsDictionary() || remaining == lastRemaining) {
                            throw new GzipFailure(EOF, false);
                        }
                        lastRemaining = remaining;
                    }
                    crc.update(buf, 0, n);
                    memberSize += n;
                    if (out.size() + (long) n > maxBytes) {
                        throw new GzipFailure("decompressed size exceeds " + maxBytes + " bytes", true);
                    }
                    out.write(buf, 0, n);
                }
                pos = data.length - inflater.getRemaining();
            } finally {
                inflater.end();
            }
            if (pos + 8 > data.length) {
                throw new GzipFailure(EOF, false);
            }
            long storedCrc = le32(data, pos);
            long storedSize = le32(data, pos + 4);
            pos += 8;
            if (storedCrc != crc.getValue()) {
                throw new GzipFailure("CRC check failed", false);
            }
            if (storedSize != (memberSize & 0xffffffffL)) {
                throw new GzipFailure("Incorrect length of data produced", false);
            }
            while (pos < data.length && data[pos] == 0) {
                pos++;
            }
        }
    }

    private static long le32(byte[] d, int p) {
        return (d[p] & 0xffL) | (d[p + 1] & 0xffL) << 8 | (d[p + 2] & 0xffL) << 16 | (d[p + 3] & 0xffL) << 24;
    }

    /** @return the position after a member header at {@code pos} */
    private static int readHeader(byte[] d, int pos) throws GzipFailure {
        if (pos + 2 > d.length || (d[pos] & 0xff) != 0x1f || (d[pos + 1] & 0xff) != 0x8b) {
            throw new GzipFailure("Not a gzipped file", false);
        }
        pos += 2;
        if (pos + 8 > d.length) {
            throw new GzipFailure(EOF, false);
        }
        int method = d[pos] & 0xff;
        int flag = d[pos + 1] & 0xff;
        pos += 8;
        if (method != 8) {
            throw new GzipFailure("Unknown compression method", false);
        }
        if ((flag & 4) != 0) {
            if (pos + 2 > d.length) {
                throw new GzipFailure(EOF, false);
            }
            int extra = (d[pos] & 0xff) | (d[pos + 1] & 0xff) << 8;
            pos += 2;
            if (pos + extra > d.length) {
                throw new GzipFailure(EOF, false);
            }
            pos += extra;
        }
        for (int bit : new int[] {8, 16}) {
            if ((flag & bit) != 0) {
                while (pos < d.length && d[pos] != 0) {
                    pos++;
                }
                if (pos < d.length) {
                    pos++;
                }
            }
        }
        if ((flag & 2) != 0) {
            if (pos + 2 > d.length) {
                throw new GzipFailure(EOF, false);
            }
            pos += 2;
        }
        return pos;
    }
}
