package io.cernvm.cvmfs.internal.publish;

import io.cernvm.cvmfs.internal.object.HashAlgorithm;
import io.cernvm.cvmfs.internal.object.SignedLetter;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;

/**
 * The signature schemes of upstream's signed "letters" (assembled by the shared
 * {@link SignedLetter}). The whitelist is signed with the master key
 * as a raw PKCS#1 v1.5 block over the hash line ({@code openssl rsautl -sign} in
 * {@code cvmfs_server_ssl.sh}); the manifest with SHA1withRSA over the hash line
 * ({@code signing_tool.cc}).
 */
public final class LetterSigner {
    /** How the hash line is signed. */
    public enum Scheme {
        /** Raw PKCS#1 v1.5 over the ASCII hash line, without DigestInfo: the whitelist. */
        RAW_PKCS1("NONEwithRSA"),
        /** SHA1withRSA over the ASCII hash line: the manifest. */
        SHA1_WITH_RSA("SHA1withRSA");

        private final String jcaName;

        Scheme(String jcaName) {
            this.jcaName = jcaName;
        }
    }

    private LetterSigner() {
    }

    /**
     * @param text      the letter, every line ending in {@code \n}
     * @param algorithm the hash line's algorithm
     * @param scheme    how to sign the hash line
     * @param key       the signing key
     * @return text + {@code --\n} + hash line + {@code \n} + signature
     */
    public static byte[] sign(String text, HashAlgorithm algorithm, Scheme scheme, PrivateKey key) {
        if (!text.endsWith("\n")) {
            throw new IllegalArgumentException("letter text must end with a newline");
        }
        return SignedLetter.sign(text.getBytes(StandardCharsets.UTF_8), algorithm,
                hashLine -> signHashLine(new String(hashLine, StandardCharsets.US_ASCII), scheme, key)).toBytes();
    }

    /** @return the signature of the ASCII hash line */
    public static byte[] signHashLine(String hashLine, Scheme scheme, PrivateKey key) {
        try {
            Signature s = Signature.getInstance(scheme.jcaName);
            s.initSign(key);
            s.update(hashLine.getBytes(StandardCharsets.US_ASCII));
            return s.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign with " + scheme.jcaName, e);
        }
    }

    /** @return whether {@code signature} over the ASCII hash line verifies with {@code key} */
    public static boolean verifyHashLine(String hashLine, byte[] signature, Scheme scheme, java.security.PublicKey key) {
        try {
            Signature s = Signature.getInstance(scheme.jcaName);
            s.initVerify(key);
            s.update(hashLine.getBytes(StandardCharsets.US_ASCII));
            return s.verify(signature);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }
}
