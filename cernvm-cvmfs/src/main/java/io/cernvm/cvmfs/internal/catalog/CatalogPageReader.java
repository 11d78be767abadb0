package io.cernvm.cvmfs.internal.catalog;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

/**
 * Looks a catalog row up by its path key straight in the SQLite file: down the primary-key
 * index b-tree on {@code (md5path_1, md5path_2)} to the row id, then down the table b-tree to
 * the record, following the file format (sqlite.org/fileformat2.html). A path lookup is what
 * a client does most; through JDBC each one also pays for statement reset, parameter boxing and
 * column-name fetches, several times the b-tree walk itself.
 *
 * <p>The reader is only an accelerator: anything it does not expect (another text encoding,
 * WAL mode, a value that is not an integer in the key, a malformed page) makes it answer
 * {@link Unreadable}, and the caller asks SQLite instead. It never writes and never trusts a
 * page number or length without a bounds check, so a damaged file cannot make it loop or read
 * outside the mapping.
 */
final class CatalogPageReader {

    private static final int INTERIOR_INDEX = 2;
    private static final int INTERIOR_TABLE = 5;
    private static final int LEAF_INDEX = 10;
    private static final int LEAF_TABLE = 13;
    /** Deeper than any b-tree of a file below 2 GiB; a longer walk is a cycle. */
    private static final int MAX_DEPTH = 40;

    /** Thrown when the file holds something this reader does not decode; the caller asks SQLite. */
    static final class Unreadable extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Unreadable(String message) {
            super(message, null, false, false);
        }
    }

    private final ByteBuffer file;
    private final int pageSize;
    private final int usable;
    private final long pageCount;
    private final int tableRoot;
    private final int indexRoot;

    private CatalogPageReader(ByteBuffer file, int pageSize, int usable, int tableRoot, int indexRoot) {
        this.file = file;
        this.pageSize = pageSize;
        this.usable = usable;
        this.pageCount = file.capacity() / pageSize;
        this.tableRoot = tableRoot;
        this.indexRoot = indexRoot;
    }

    /**
     * Maps a catalog file for lookups.
     *
     * @param sqliteFile the decompressed catalog (this process's private, unchanging copy)
     * @param tableRoot  the root page of the {@code catalog} table
     * @param indexRoot  the root page of its primary-key index on {@code (md5path_1, md5path_2)}
     * @return the reader, or empty when the file is not one it can read (the caller uses SQLite)
     */
    static Optional<CatalogPageReader> open(Path sqliteFile, int tableRoot, int indexRoot) {
        try (FileChannel ch = FileChannel.open(sqliteFile, StandardOpenOption.READ)) {
            long size = ch.size();
            if (size < 512 || size > Integer.MAX_VALUE) {
                return Optional.empty();
            }
            ByteBuffer map = ch.map(FileChannel.MapMode.READ_ONLY, 0, size);
            int rawPageSize = Short.toUnsignedInt(map.getShort(16));
            int pageSize = rawPageSize == 1 ? 65536 : rawPageSize;
            int reserved = Byte.toUnsignedInt(map.get(20));
            boolean legacyJournal = map.get(18) == 1 && map.get(19) == 1;
            boolean utf8 = map.getInt(56) == 1;
            if (pageSize < 512 || Integer.bitCount(pageSize) != 1 || !legacyJournal || !utf8
                    || size % pageSize != 0 || pageSize - reserved < 480) {
                return Optional.empty();
            }
            CatalogPageReader r = new CatalogPageReader(map, pageSize, pageSize - reserved, tableRoot, indexRoot);
            if (tableRoot < 1 || tableRoot > r.pageCount || indexRoot < 1 || indexRoot > r.pageCount) {
                return Optional.empty();
            }
            return Optional.of(r);
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /**
     * @param first  {@code md5path_1}
     * @param second {@code md5path_2}
     * @return the row's values in table column order, or empty when there is no such row
     * @throws Unreadable when the file holds something this reader does not decode
     */
    Optional<Object[]> lookup(long first, long second) {
        try {
            long rowid = findRowid(first, second);
            return rowid == Long.MIN_VALUE ? Optional.empty() : Optional.of(findRow(rowid));
        } catch (IndexOutOfBoundsException | IllegalArgumentException e) {
            throw new Unreadable("catalog page out of bounds: " + e.getMessage());
        }
    }

    /** The row id for the key in the index b-tree, or {@code Long.MIN_VALUE} when absent. */
    private long findRowid(long first, long second) {
        int page = indexRoot;
        for (int depth = 0; depth < MAX_DEPTH; depth++) {
            int base = pageStart(page);
            int header = headerStart(page);
            int type = Byte.toUnsignedInt(file.get(header));
            if (type != INTERIOR_INDEX && type != LEAF_INDEX) {
                throw new Unreadable("page " + page + " is not an index page");
            }
            boolean interior = type == INTERIOR_INDEX;
            int cells = Short.toUnsignedInt(file.getShort(header + 3));
            int pointers = header + (interior ? 12 : 8);
            // binary search for the first cell whose key is >= the one wanted
            int lo = 0;
            int hi = cells;
            Object[] hit = null;
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                Object[] key = indexCell(base, base + Short.toUnsignedInt(file.getShort(pointers + 2 * mid)), interior);
                int c = compareKey(key, first, second);
                if (c == 0) {
                    hit = key;
                    break;
                }
                if (c < 0) {
                    lo = mid + 1;
                } else {
                    hi = mid;
                }
            }
            if (hit != null) {
                if (hit.length < 3 || !(hit[hit.length - 1] instanceof Long rowid)) {
                    throw new Unreadable("index entry without a row id");
                }
                return rowid;
            }
            if (!interior) {
                return Long.MIN_VALUE;
            }
            page = lo < cells
                    ? file.getInt(base + Short.toUnsignedInt(file.getShort(pointers + 2 * lo)))
                    : file.getInt(header + 8);
            checkPage(page);
        }
        throw new Unreadable("index b-tree deeper than " + MAX_DEPTH);
    }

    private static int compareKey(Object[] key, long first, long second) {
        if (key.length < 2 || !(key[0] instanceof Long a) || !(key[1] instanceof Long b)) {
            throw new Unreadable("index key is not two integers");
        }
        int c = Long.compare(a, first);
        return c != 0 ? c : Long.compare(b, second);
    }

    /** The record of an index cell (interior cells start with a child page number). */
    private Object[] indexCell(int base, int cell, boolean interior) {
        int at = interior ? cell + 4 : cell;
        long payload = varint(at);
        at += varintLength(at);
        int maxLocal = (usable - 12) * 64 / 255 - 23;
        return record(payloadBytes(at, payload, maxLocal));
    }

    /** The table record with that row id. */
    private Object[] findRow(long rowid) {
        int page = tableRoot;
        for (int depth = 0; depth < MAX_DEPTH; depth++) {
            int base = pageStart(page);
            int header = headerStart(page);
            int type = Byte.toUnsignedInt(file.get(header));
            int cells = Short.toUnsignedInt(file.getShort(header + 3));
            if (type == LEAF_TABLE) {
                int pointers = header + 8;
                int lo = 0;
                int hi = cells - 1;
                while (lo <= hi) {
                    int mid = (lo + hi) >>> 1;
                    int cell = base + Short.toUnsignedInt(file.getShort(pointers + 2 * mid));
                    long payload = varint(cell);
                    int keyAt = cell + varintLength(cell);
                    long key = varint(keyAt);
                    if (key == rowid) {
                        return record(payloadBytes(keyAt + varintLength(keyAt), payload, usable - 35));
                    }
                    if (key < rowid) {
                        lo = mid + 1;
                    } else {
                        hi = mid - 1;
                    }
                }
                throw new Unreadable("the index names row " + rowid + ", which the table lacks");
            }
            if (type != INTERIOR_TABLE) {
                throw new Unreadable("page " + page + " is not a table page");
            }
            int pointers = header + 12;
            // the first cell whose key is >= rowid holds it in its left child
            int lo = 0;
            int hi = cells;
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                int cell = base + Short.toUnsignedInt(file.getShort(pointers + 2 * mid));
                if (varint(cell + 4) < rowid) {
                    lo = mid + 1;
                } else {
                    hi = mid;
                }
            }
            page = lo < cells
                    ? file.getInt(base + Short.toUnsignedInt(file.getShort(pointers + 2 * lo)))
                    : file.getInt(header + 8);
            checkPage(page);
        }
        throw new Unreadable("table b-tree deeper than " + MAX_DEPTH);
    }

    /** A cell's payload: the local part, then the overflow chain. */
    private byte[] payloadBytes(int at, long payload, int maxLocal) {
        if (payload < 0 || payload > Integer.MAX_VALUE - 8 || payload > file.capacity()) {
            throw new Unreadable("impossible payload size " + payload);
        }
        int total = (int) payload;
        byte[] out = new byte[total];
        int local = total;
        if (total > maxLocal) {
            int minLocal = (usable - 12) * 32 / 255 - 23;
            int k = minLocal + (total - minLocal) % (usable - 4);
            local = k <= maxLocal ? k : minLocal;
        }
        file.get(at, out, 0, local);
        int done = local;
        int next = local < total ? file.getInt(at + local) : 0;
        int hops = 0;
        while (done < total) {
            checkPage(next);
            if (++hops > pageCount) {
                throw new Unreadable("overflow chain loops");
            }
            int start = pageStart(next);
            int n = Math.min(usable - 4, total - done);
            file.get(start + 4, out, done, n);
            done += n;
            next = file.getInt(start);
        }
        return out;
    }

    /** Decodes a record into Long, Double, String, byte[] or null values. */
    private static Object[] record(byte[] r) {
        long[] hv = new long[2];
        int headerSize = (int) readVarint(r, 0, hv);
        if (headerSize < 1 || headerSize > r.length) {
            throw new Unreadable("bad record header");
        }
        int pos = (int) hv[1];
        int count = 0;
        for (int p = pos; p < headerSize; p = (int) hv[1]) {
            readVarint(r, p, hv);
            count++;
        }
        Object[] values = new Object[count];
        int body = headerSize;
        for (int i = 0; i < count; i++) {
            long type = readVarint(r, pos, hv);
            pos = (int) hv[1];
            int len = serialLength(type);
            if (body + len > r.length) {
                throw new Unreadable("record body shorter than its header says");
            }
            values[i] = value(r, body, type, len);
            body += len;
        }
        return values;
    }

    private static int serialLength(long type) {
        if (type >= 12) {
            long n = (type - (type % 2 == 0 ? 12 : 13)) / 2;
            if (n > Integer.MAX_VALUE) {
                throw new Unreadable("value too long");
            }
            return (int) n;
        }
        return switch ((int) type) {
            case 0, 8, 9 -> 0;
            case 1 -> 1;
            case 2 -> 2;
            case 3 -> 3;
            case 4 -> 4;
            case 5 -> 6;
            case 6, 7 -> 8;
            default -> throw new Unreadable("reserved serial type " + type);
        };
    }

    private static Object value(byte[] r, int at, long type, int len) {
        if (type == 0) {
            return null;
        }
        if (type == 8) {
            return 0L;
        }
        if (type == 9) {
            return 1L;
        }
        if (type >= 12) {
            return type % 2 == 0 ? java.util.Arrays.copyOfRange(r, at, at + len)
                    : new String(r, at, len, StandardCharsets.UTF_8);
        }
        long v = r[at]; // sign-extended first byte
        for (int i = 1; i < len; i++) {
            v = (v << 8) | (r[at + i] & 0xff);
        }
        return type == 7 ? Double.longBitsToDouble(v) : (Object) v;
    }

    /** Reads a varint at {@code at}; {@code out[1]} gets the position after it. */
    private static long readVarint(byte[] b, int at, long[] out) {
        long v = 0;
        for (int i = 0; i < 9; i++) {
            if (at + i >= b.length) {
                throw new Unreadable("truncated varint");
            }
            int x = b[at + i] & 0xff;
            if (i == 8) {
                v = (v << 8) | x;
                out[1] = at + 9;
                return v;
            }
            v = (v << 7) | (x & 0x7f);
            if ((x & 0x80) == 0) {
                out[1] = at + i + 1;
                return v;
            }
        }
        throw new AssertionError();
    }

    private long varint(int at) {
        long v = 0;
        for (int i = 0; i < 8; i++) {
            int x = Byte.toUnsignedInt(file.get(at + i));
            v = (v << 7) | (x & 0x7f);
            if ((x & 0x80) == 0) {
                return v;
            }
        }
        return (v << 8) | Byte.toUnsignedInt(file.get(at + 8));
    }

    private int varintLength(int at) {
        for (int i = 0; i < 8; i++) {
            if ((file.get(at + i) & 0x80) == 0) {
                return i + 1;
            }
        }
        return 9;
    }

    private void checkPage(int page) {
        if (page < 1 || page > pageCount) {
            throw new Unreadable("page number " + Integer.toUnsignedString(page) + " outside the file");
        }
    }

    private int pageStart(int page) {
        return (page - 1) * pageSize;
    }

    /** Page 1 carries the 100-byte database header before its b-tree header. */
    private int headerStart(int page) {
        return pageStart(page) + (page == 1 ? 100 : 0);
    }
}
