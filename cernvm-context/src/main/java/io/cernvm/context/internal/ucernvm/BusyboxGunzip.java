package io.cernvm.context.internal.ucernvm;

import io.cernvm.api.FaultLocation;
import io.cernvm.api.UserDataException;
import io.cernvm.context.ucernvm.GunzipOutcome;

import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * {@code gzip -d} as the µCernVM initrd's busybox 1.31.1 runs it
 * ({@code archival/libarchive/decompress_gunzip.c}, {@code unpack_gz_stream}): members are read
 * while the next two bytes are the gzip magic, anything else after a member is ignored, the
 * header CRC is skipped unchecked, a CRC mismatch or a truncated member fails, and a length
 * mismatch marks the result failed unless a later member brings the running total back to zero
 * or more (busybox keeps adding to its {@code -1}).
 */
public final class BusyboxGunzip {

    /** The outcome and the bytes the parser reads next. */
    public record Result(GunzipOutcome outcome, byte[] bytes) {
    }

    private static final int MAGIC_1 = 0x1f;
    private static final int MAGIC_2 = 0x8b;

    private BusyboxGunzip() {
    }

    /**
     * @param in       the raw user data
     * @param maxBytes the largest decompressed size accepted
     * @return the outcome, with the decompressed bytes on success and {@code in} otherwise
     * @throws UserDataException when the decompressed data would exceed {@code maxBytes}
     */
    public static Result gunzip(byte[] in, int maxBytes) {
        if (in.length < 2 || (in[0] & 0xff) != MAGIC_1 || (in[1] & 0xff) != MAGIC_2) {
            return new Result(GunzipOutcome.NOT_GZIP, in);
        }
        BlockBuffer out = new BlockBuffer();
        long total = 0;
        int pos = 2;
        while (true) {
            int afterHeader = skipHeader(in, pos);
            if (afterHeader < 0) {
                return failed(in);
            }
            Inflater inflater = new Inflater(true);
            CRC32 crc = new CRC32();
            long memberBytes;
            try {
                inflater.setInput(in, afterHeader, in.length - afterHeader);
                memberBytes = inflate(inflater, crc, out, maxBytes);
                if (memberBytes < 0) {
                    return failed(in);
                }
                pos = in.length - inflater.getRemaining();
            } catch (DataFormatException e) {
                return failed(in);
            } finally {
                inflater.end();
            }
            total += memberBytes;
            if (in.length - pos < 8) {
                return failed(in);
            }
            if (readLe32(in, pos) != (int) crc.getValue()) {
                return failed(in);
            }
            if (readLe32(in, pos + 4) != (int) memberBytes) {
                total = -1;
            }
            pos += 8;
            if (in.length - pos < 2) {
                break;
            }
            if ((in[pos] & 0xff) == MAGIC_1 && (in[pos + 1] & 0xff) == MAGIC_2) {
                pos += 2;
                continue;
            }
            break; // trailing garbage: ignored without a word, unlike GNU gzip
        }
        return total < 0 ? failed(in) : new Result(GunzipOutcome.DECOMPRESSED, out.toByteArray());
    }

    private static Result failed(byte[] in) {
        return new Result(GunzipOutcome.FAILED, in);
    }

    /** @return the offset after the member header that starts at {@code pos} (after the magic), or -1 */
    private static int skipHeader(byte[] in, int pos) {
        if (in.length - pos < 8) {
            return -1;
        }
        int method = in[pos] & 0xff;
        int flags = in[pos + 1] & 0xff;
        if (method != 8) {
            return -1;
        }
        int p = pos + 8;
        if ((flags & 0x04) != 0) {
            if (in.length - p < 2) {
                return -1;
            }
            int extra = (in[p] & 0xff) | (in[p + 1] & 0xff) << 8;
            p += 2;
            if (in.length - p < extra) {
                return -1;
            }
            p += extra;
        }
        int strings = ((flags & 0x08) != 0 ? 1 : 0) + ((flags & 0x10) != 0 ? 1 : 0);
        for (int s = 0; s < strings; s++) {
            while (true) {
                if (p >= in.length) {
                    return -1;
                }
                if (in[p++] == 0) {
                    break;
                }
            }
        }
        if ((flags & 0x02) != 0) {
            if (in.length - p < 2) {
                return -1;
            }
            p += 2;
        }
        return p;
    }

    /** @return the member's decompressed size, or -1 when the deflate stream is truncated */
    private static long inflate(Inflater inflater, CRC32 crc, BlockBuffer out, int maxBytes)
            throws DataFormatException {
        byte[] buf = new byte[16384];
        long n = 0;
        while (!inflater.finished()) {
            int got = inflater.inflate(buf);
            if (got == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                return -1;
            }
            if ((long) out.size() + got > maxBytes) {
                throw new UserDataException("gzip-compressed user data expands beyond " + maxBytes
                        + " bytes; refusing to decompress further", FaultLocation.NOWHERE);
            }
            out.write(buf, 0, got);
            crc.update(buf, 0, got);
            n += got;
        }
        return n;
    }

    private static int readLe32(byte[] in, int p) {
        return (in[p] & 0xff) | (in[p + 1] & 0xff) << 8 | (in[p + 2] & 0xff) << 16 | (in[p + 3] & 0xff) << 24;
    }
}
