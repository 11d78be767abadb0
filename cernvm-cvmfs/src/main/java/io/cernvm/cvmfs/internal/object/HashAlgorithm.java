package io.cernvm.cvmfs.internal.object;

import java.util.Optional;
import org.bouncycastle.crypto.Digest;
import org.bouncycastle.crypto.Xof;
import org.bouncycastle.crypto.digests.RIPEMD160Digest;
import org.bouncycastle.crypto.digests.SHAKEDigest;

/**
 * The hash algorithms of CernVM-FS ({@code crypto/hash.h}: {@code kMd5, kSha1, kRmd160,
 * kShake128}). MD5 only names paths; the other three name content. Every digest is 20 bytes but
 * MD5's 16; SHAKE-128 is squeezed to 160 bits as upstream does.
 */
public enum HashAlgorithm {
    /** MD5, for path hashes only. */
    MD5("", 16, -1),
    /** SHA-1, the default content hash. */
    SHA1("", 20, 0),
    /** RIPEMD-160, id {@code -rmd160}. */
    RIPEMD160("-rmd160", 20, 1),
    /** SHAKE-128 squeezed to 160 bits, id {@code -shake128}. */
    SHAKE128("-shake128", 20, 2);

    private final String id;
    private final int digestLength;
    private final int catalogCode;

    HashAlgorithm(String id, int digestLength, int catalogCode) {
        this.id = id;
        this.digestLength = digestLength;
        this.catalogCode = catalogCode;
    }

    /** @return the suffix written after the hex digest: {@code ""}, {@code -rmd160} or {@code -shake128} */
    public String id() {
        return id;
    }

    /** @return the digest length in bytes */
    public int digestLength() {
        return digestLength;
    }

    /** @return the length of the hex form including the algorithm id */
    public int hexLength() {
        return 2 * digestLength + id.length();
    }

    /** @return whether content objects may be named by this algorithm (all but MD5) */
    public boolean namesContent() {
        return catalogCode >= 0;
    }

    /**
     * The content algorithm stored in bits 8-10 of a catalog row's flags, minus one
     * ({@code catalog_sql.cc}: 0 = SHA-1, 1 = RIPEMD-160, 2 = SHAKE-128).
     *
     * @param flags the {@code flags} column
     * @return the algorithm, or empty for a code this reader does not know
     */
    public static Optional<HashAlgorithm> fromCatalogFlags(long flags) {
        int code = (int) ((flags >>> 8) & 0x7);
        for (HashAlgorithm a : values()) {
            if (a.catalogCode == code) {
                return Optional.of(a);
            }
        }
        return Optional.empty();
    }

    /** @return the code of this algorithm in catalog flags bits 8-10 (MD5 has none) */
    public int catalogCode() {
        if (catalogCode < 0) {
            throw new IllegalStateException("MD5 names no content");
        }
        return catalogCode;
    }

    /**
     * The content algorithm whose hex form (with id) has this length, as upstream infers it
     * ({@code MkFromHexPtr}): 40 SHA-1, 47 RIPEMD-160, 49 SHAKE-128.
     *
     * @param hexLength length of the hex form
     * @return the algorithm, or empty
     */
    public static Optional<HashAlgorithm> fromHexLength(int hexLength) {
        for (HashAlgorithm a : values()) {
            if (a.namesContent() && a.hexLength() == hexLength) {
                return Optional.of(a);
            }
        }
        return Optional.empty();
    }

    /** @return a fresh incremental hasher */
    public Hasher newHasher() {
        return new Hasher(this, newDigest());
    }

    /**
     * @param data bytes to hash
     * @return the digest of {@code data}
     */
    public byte[] digest(byte[] data) {
        return digest(data, 0, data.length);
    }

    /**
     * @param data   bytes to hash
     * @param offset start in {@code data}
     * @param length number of bytes
     * @return the digest of the range
     */
    public byte[] digest(byte[] data, int offset, int length) {
        Hasher h = newHasher();
        h.update(data, offset, length);
        return h.finish();
    }

    private Digest newDigest() {
        return switch (this) {
            // the JDK's digests run on the CPU's SHA/MD5 intrinsics, several times faster than
            // Bouncy Castle's pure-Java ones on the read path (every object, every path hash)
            case MD5 -> JdkDigest.md5();
            case SHA1 -> JdkDigest.sha1();
            case RIPEMD160 -> new RIPEMD160Digest();
            case SHAKE128 -> new SHAKEDigest(128);
        };
    }

    /** An incremental digest; not thread-safe. */
    public static final class Hasher {
        private final HashAlgorithm algorithm;
        private final Digest digest;

        private Hasher(HashAlgorithm algorithm, Digest digest) {
            this.algorithm = algorithm;
            this.digest = digest;
        }

        /**
         * @param data   bytes
         * @param offset start
         * @param length count
         * @return this
         */
        public Hasher update(byte[] data, int offset, int length) {
            digest.update(data, offset, length);
            return this;
        }

        /**
         * @param data bytes
         * @return this
         */
        public Hasher update(byte[] data) {
            return update(data, 0, data.length);
        }

        /** @return the digest; the hasher is reset */
        public byte[] finish() {
            byte[] out = new byte[algorithm.digestLength];
            if (digest instanceof Xof xof) {
                xof.doFinal(out, 0, out.length);
            } else {
                digest.doFinal(out, 0);
            }
            return out;
        }
    }
}
