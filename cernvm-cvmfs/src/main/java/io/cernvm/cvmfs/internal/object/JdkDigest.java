package io.cernvm.cvmfs.internal.object;

import java.security.DigestException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import org.bouncycastle.crypto.Digest;

/** A JDK {@link MessageDigest} behind Bouncy Castle's {@link Digest} interface. */
final class JdkDigest implements Digest {

    private final MessageDigest digest;

    private JdkDigest(MessageDigest digest) {
        this.digest = digest;
    }

    /*
     * Fresh digests are cloned from one untouched instance per algorithm: getInstance looks the
     * algorithm up among the security providers and instantiates it reflectively, which cost
     * more than hashing a small object (measured on the small-file read path). The prototypes
     * are never updated, so sharing them between threads is safe.
     */
    private static final MessageDigest MD5 = instance("MD5");
    private static final MessageDigest SHA1 = instance("SHA-1");

    /** @return a fresh MD5 digest */
    static JdkDigest md5() {
        return new JdkDigest(copyOf(MD5));
    }

    /** @return a fresh SHA-1 digest */
    static JdkDigest sha1() {
        return new JdkDigest(copyOf(SHA1));
    }

    private static MessageDigest copyOf(MessageDigest prototype) {
        try {
            return (MessageDigest) prototype.clone();
        } catch (CloneNotSupportedException e) {
            return instance(prototype.getAlgorithm()); // a provider whose digests cannot be cloned
        }
    }

    private static MessageDigest instance(String algorithm) {
        try {
            return MessageDigest.getInstance(algorithm);
        } catch (NoSuchAlgorithmException e) {
            // every Java SE platform must provide MD5 and SHA-1 (MessageDigest's javadoc)
            throw new IllegalStateException(algorithm + " missing from the JDK", e);
        }
    }

    @Override
    public String getAlgorithmName() {
        return digest.getAlgorithm();
    }

    @Override
    public int getDigestSize() {
        return digest.getDigestLength();
    }

    @Override
    public void update(byte in) {
        digest.update(in);
    }

    @Override
    public void update(byte[] in, int inOff, int len) {
        digest.update(in, inOff, len);
    }

    @Override
    public int doFinal(byte[] out, int outOff) {
        try {
            return digest.digest(out, outOff, digest.getDigestLength());
        } catch (DigestException e) {
            throw new IllegalArgumentException("output buffer too small", e);
        }
    }

    @Override
    public void reset() {
        digest.reset();
    }
}
