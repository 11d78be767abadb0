package io.cernvm.cvmfs.internal.catalog;

import io.cernvm.api.FaultLocation;
import io.cernvm.api.IntegrityException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@code xattr} column: {@code uint8 version (1)}, {@code uint8 count}, then per entry
 * {@code uint8 key length}, {@code uint8 value length}, key bytes, value bytes
 * ({@code xattr.cc}; the code uses one-byte fields although the documentation says eight).
 */
public final class XattrBlob {

    private XattrBlob() {
    }

    /**
     * @param blob     the column value, or {@code null}
     * @param location the entry, for errors
     * @return names to values, in stored order
     * @throws IntegrityException when the blob is malformed
     */
    public static Map<String, byte[]> parse(byte[] blob, FaultLocation location) {
        if (blob == null || blob.length == 0) {
            return Map.of();
        }
        if (blob.length < 2 || blob[0] != 1) {
            throw new IntegrityException("extended attributes: unknown version or truncated header", location);
        }
        int count = blob[1] & 0xff;
        Map<String, byte[]> out = new LinkedHashMap<>();
        int p = 2;
        for (int i = 0; i < count; i++) {
            if (p + 2 > blob.length) {
                throw new IntegrityException("extended attributes: truncated entry header", location);
            }
            int kl = blob[p] & 0xff;
            int vl = blob[p + 1] & 0xff;
            p += 2;
            if (p + kl + vl > blob.length) {
                throw new IntegrityException("extended attributes: truncated entry", location);
            }
            String key = new String(blob, p, kl, StandardCharsets.UTF_8);
            out.put(key, Arrays.copyOfRange(blob, p + kl, p + kl + vl));
            p += kl + vl;
        }
        if (p != blob.length) {
            throw new IntegrityException("extended attributes: trailing bytes", location);
        }
        return Collections.unmodifiableMap(out);
    }
}
