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

    static JdkDigest of(String algorithm) {
        try {
            return new JdkDigest(MessageDigest.getInstance(algorithm));
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
