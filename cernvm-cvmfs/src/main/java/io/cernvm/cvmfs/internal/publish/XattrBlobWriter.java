package io.cernvm.cvmfs.internal.publish;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.SortedMap;

/**
 * The catalog's {@code xattr} column as upstream's {@code XattrList::Serialize} writes it
 * ({@code xattr.cc}): version 1, a count, then per attribute in sorted key order a key length,
 * a value length (one byte each), the key and the value.
 */
public final class XattrBlobWriter {
    /** The largest key or value, and the most attributes, one byte can count. */
    public static final int LIMIT = 255;

    private XattrBlobWriter() {
    }

    /** @return why these attributes cannot be stored, or {@code null} when they can */
    public static String problem(Map<String, byte[]> xattrs) {
        if (xattrs.size() > LIMIT) {
            return "more than " + LIMIT + " extended attributes";
        }
        for (Map.Entry<String, byte[]> e : xattrs.entrySet()) {
            int keyLength = e.getKey().getBytes(StandardCharsets.UTF_8).length;
            if (keyLength == 0 || keyLength > LIMIT) {
                return "extended attribute name '" + e.getKey() + "' is empty or longer than " + LIMIT + " bytes";
            }
            if (e.getValue().length > LIMIT) {
                return "extended attribute '" + e.getKey() + "' has a value longer than " + LIMIT + " bytes";
            }
        }
        return null;
    }

    /** @return the blob, or {@code null} for no attributes */
    public static byte[] encode(SortedMap<String, byte[]> xattrs) {
        if (xattrs.isEmpty()) {
            return null;
        }
        String problem = problem(xattrs);
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(1);
        out.write(xattrs.size());
        for (Map.Entry<String, byte[]> e : xattrs.entrySet()) {
            byte[] key = e.getKey().getBytes(StandardCharsets.UTF_8);
            out.write(key.length);
            out.write(e.getValue().length);
            out.writeBytes(key);
            out.writeBytes(e.getValue());
        }
        return out.toByteArray();
    }
}
