package io.cernvm.cvmfs.internal.object;

import io.cernvm.api.FaultLocation;
import io.cernvm.api.TrustException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Optional;

/**
 * A signed file of CernVM-FS (manifest or whitelist) cut as {@code CutLetter} in
 * {@code crypto/signature.cc} does: the letter is every byte up to and including the newline
 * before the first {@code --} line, the hash line follows it, and the raw signature runs to the
 * end of the file.
 *
 * @param letter    the signed text, ending in {@code \n} (or empty)
 * @param hashLine  the hex hash of the letter with algorithm id, without newline
 * @param signature the raw signature bytes (possibly empty)
 */
public record SignedLetter(byte[] letter, String hashLine, byte[] signature) {

    /** Copies the arrays. */
    public SignedLetter {
        letter = letter.clone();
        signature = signature.clone();
    }

    /**
     * Cuts a signed file.
     *
     * @param file     the file's bytes as served
     * @param location the file and URL, for errors
     * @return its parts
     * @throws TrustException when there is no {@code --} line or no hash line
     */
    public static SignedLetter cut(byte[] file, FaultLocation location) {
        int sep = separator(file);
        if (sep < 0) {
            throw new TrustException("no signature block (missing '--' line)", location);
        }
        int hashStart = sep + 3;
        int hashEnd = indexOf(file, (byte) '\n', hashStart);
        if (hashEnd < 0) {
            throw new TrustException("signature block has no complete hash line", location);
        }
        String hashLine = new String(file, hashStart, hashEnd - hashStart, StandardCharsets.ISO_8859_1);
        return new SignedLetter(Arrays.copyOf(file, sep), hashLine,
                Arrays.copyOfRange(file, hashEnd + 1, file.length));
    }

    /** @return offset of the {@code --\n} that starts the signature block, or -1 */
    private static int separator(byte[] f) {
        if (f.length >= 3 && f[0] == '-' && f[1] == '-' && f[2] == '\n') {
            return 0;
        }
        for (int i = 0; i + 3 < f.length; i++) {
            if (f[i] == '\n' && f[i + 1] == '-' && f[i + 2] == '-' && f[i + 3] == '\n') {
                return i + 1;
            }
        }
        return -1;
    }

    private static int indexOf(byte[] a, byte b, int from) {
        for (int i = from; i < a.length; i++) {
            if (a[i] == b) {
                return i;
            }
        }
        return -1;
    }

    /** @return a copy of the letter */
    @Override
    public byte[] letter() {
        return letter.clone();
    }

    /** @return a copy of the signature */
    @Override
    public byte[] signature() {
        return signature.clone();
    }

    /** @return the letter decoded as UTF-8 */
    public String letterText() {
        return new String(letter, StandardCharsets.UTF_8);
    }

    /** @return the hash line's ASCII bytes: what the RSA signatures cover */
    public byte[] hashLineBytes() {
        return hashLine.getBytes(StandardCharsets.ISO_8859_1);
    }

    /** @return the algorithm the hash line's length names, if any */
    public Optional<HashAlgorithm> hashLineAlgorithm() {
        return ContentHash.tryParse(hashLine, ObjectType.FILE).map(ContentHash::algorithm);
    }

    /**
     * Checks that the hash line is the hash of the letter ({@code VerifyLetter}), with the
     * algorithm its length names.
     *
     * @param location the file and URL, for errors
     * @throws TrustException when it is not
     */
    public void verifyHashLine(FaultLocation location) {
        Optional<ContentHash> stated = ContentHash.tryParse(hashLine, ObjectType.FILE);
        if (stated.isEmpty()) {
            throw new TrustException("hash line is not a hash: '" + printable(hashLine) + "'", location);
        }
        byte[] actual = stated.get().algorithm().digest(letter);
        if (!MessageDigest.isEqual(actual, stated.get().digest())) {
            throw new TrustException("hash line does not match the signed text (stale or altered)", location);
        }
    }

    private static String printable(String s) {
        StringBuilder b = new StringBuilder();
        s.chars().limit(60).forEach(c -> b.append(c < 0x20 || c > 0x7e ? '?' : (char) c));
        return s.length() > 60 ? b + "…" : b.toString();
    }

    /**
     * Signs a letter as the server tools do: the hash line is the letter's hash (hex with
     * algorithm id) and the signer signs its ASCII bytes (SHA1withRSA for a manifest, a raw
     * PKCS#1 signature for a whitelist).
     *
     * @param letter    the text, ending in a newline
     * @param algorithm the hash algorithm of the hash line
     * @param signer    hash-line bytes to signature bytes
     * @return the signed letter
     */
    public static SignedLetter sign(byte[] letter, HashAlgorithm algorithm, java.util.function.UnaryOperator<byte[]> signer) {
        if (letter.length > 0 && letter[letter.length - 1] != '\n') {
            throw new IllegalArgumentException("a letter ends with a newline");
        }
        String hashLine = ContentHash.of(algorithm, letter, ObjectType.FILE).toString();
        return new SignedLetter(letter, hashLine, signer.apply(hashLine.getBytes(StandardCharsets.ISO_8859_1)));
    }

    /** @return the file: letter, {@code --}, hash line, signature */
    public byte[] toBytes() {
        byte[] sep = ("--\n" + hashLine + "\n").getBytes(StandardCharsets.ISO_8859_1);
        byte[] out = new byte[letter.length + sep.length + signature.length];
        System.arraycopy(letter, 0, out, 0, letter.length);
        System.arraycopy(sep, 0, out, letter.length, sep.length);
        System.arraycopy(signature, 0, out, letter.length + sep.length, signature.length);
        return out;
    }
}
