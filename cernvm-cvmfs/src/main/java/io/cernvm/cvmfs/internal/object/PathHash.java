package io.cernvm.cvmfs.internal.object;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * The key of a catalog row: the MD5 of the full repository path ({@code ""} for the root,
 * else {@code /a/b}), split in host (little-endian) order into two signed 64-bit integers,
 * exactly as {@code md5path_1} / {@code md5path_2} store it ({@code crypto/hash.cc ToIntPair}).
 *
 * @param first  bytes 0-7 of the digest ({@code md5path_1})
 * @param second bytes 8-15 of the digest ({@code md5path_2})
 */
public record PathHash(long first, long second) {

    /** The parent key of the root entry, (0, 0) as {@code catalog_sql.cc} writes it. */
    public static final PathHash ROOT_PARENT = new PathHash(0, 0);

    /**
     * @param path a repository path: {@code ""} for the root, else starting with {@code /} and
     *             without a trailing slash
     * @return its key
     */
    public static PathHash of(String path) {
        return ofDigest(HashAlgorithm.MD5.digest(path.getBytes(StandardCharsets.UTF_8)));
    }

    /**
     * @param md5 a 16-byte MD5 digest
     * @return its split form
     */
    public static PathHash ofDigest(byte[] md5) {
        if (md5.length != 16) {
            throw new IllegalArgumentException("an MD5 digest has 16 bytes, not " + md5.length);
        }
        ByteBuffer b = ByteBuffer.wrap(md5).order(ByteOrder.LITTLE_ENDIAN);
        return new PathHash(b.getLong(0), b.getLong(8));
    }

    /** @return the 16 digest bytes again */
    public byte[] toDigest() {
        return ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN).putLong(first).putLong(second).array();
    }
}
