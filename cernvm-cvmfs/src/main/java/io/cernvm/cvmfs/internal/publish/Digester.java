package io.cernvm.cvmfs.internal.publish;

import io.cernvm.cvmfs.publish.ContentHashAlgorithm;
import java.util.HexFormat;
import org.bouncycastle.crypto.Digest;
import org.bouncycastle.crypto.digests.RIPEMD160Digest;
import org.bouncycastle.crypto.digests.SHA1Digest;
import org.bouncycastle.crypto.digests.SHAKEDigest;

/** Computes 20-byte content digests and their upstream string form (hex plus algorithm id). */
public final class Digester {
    /** Every content digest is 160 bits, SHAKE-128 included (upstream squeezes 20 bytes). */
    public static final int DIGEST_LENGTH = 20;

    private final ContentHashAlgorithm algorithm;
    private final Digest digest;

    /** @param algorithm the algorithm */
    public Digester(ContentHashAlgorithm algorithm) {
        this.algorithm = algorithm;
        this.digest = switch (algorithm) {
            case SHA1 -> new SHA1Digest();
            case RIPEMD160 -> new RIPEMD160Digest();
            case SHAKE128 -> new SHAKEDigest(128);
        };
    }

    /** @return the algorithm */
    public ContentHashAlgorithm algorithm() {
        return algorithm;
    }

    /** Feeds bytes. */
    public void update(byte[] b, int off, int len) {
        digest.update(b, off, len);
    }

    /** @return the 20-byte digest of everything fed since the last call; resets */
    public byte[] finish() {
        byte[] out = new byte[DIGEST_LENGTH];
        if (digest instanceof SHAKEDigest shake) {
            shake.doFinal(out, 0, DIGEST_LENGTH);
        } else {
            digest.doFinal(out, 0);
        }
        return out;
    }

    /** @return the digest of {@code data} */
    public static byte[] digest(ContentHashAlgorithm algorithm, byte[] data) {
        Digester d = new Digester(algorithm);
        d.update(data, 0, data.length);
        return d.finish();
    }

    /** @return lowercase hex plus the algorithm id, as upstream's {@code shash::Any::ToString()} */
    public static String hashString(ContentHashAlgorithm algorithm, byte[] digest) {
        return HexFormat.of().formatHex(digest) + algorithm.suffix();
    }

    /** @return the hash string of {@code data} */
    public static String hashStringOf(ContentHashAlgorithm algorithm, byte[] data) {
        return hashString(algorithm, digest(algorithm, data));
    }

    /**
     * @return the certificate fingerprint form upstream's whitelist uses: uppercase hex pairs
     *         joined by colons, then the uppercased algorithm id
     */
    public static String fingerprint(ContentHashAlgorithm algorithm, byte[] digest) {
        String hex = HexFormat.of().withUpperCase().formatHex(digest);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < hex.length(); i += 2) {
            if (i > 0) {
                sb.append(':');
            }
            sb.append(hex, i, i + 2);
        }
        return sb.append(algorithm.suffix().toUpperCase(java.util.Locale.ROOT)).toString();
    }
}
