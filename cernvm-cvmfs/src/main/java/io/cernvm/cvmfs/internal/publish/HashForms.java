package io.cernvm.cvmfs.internal.publish;

import io.cernvm.cvmfs.internal.object.HashAlgorithm;
import io.cernvm.cvmfs.publish.ContentHashAlgorithm;
import java.util.HexFormat;
import java.util.Locale;

/** The publisher's view of the shared hash primitives: the public choice mapped, and the written forms. */
public final class HashForms {
    private HashForms() {
    }

    /** @return the shared algorithm behind a public choice */
    public static HashAlgorithm of(ContentHashAlgorithm choice) {
        return switch (choice) {
            case SHA1 -> HashAlgorithm.SHA1;
            case RIPEMD160 -> HashAlgorithm.RIPEMD160;
            case SHAKE128 -> HashAlgorithm.SHAKE128;
        };
    }

    /** @return the public choice behind a content algorithm */
    public static ContentHashAlgorithm choiceOf(HashAlgorithm algorithm) {
        return switch (algorithm) {
            case SHA1 -> ContentHashAlgorithm.SHA1;
            case RIPEMD160 -> ContentHashAlgorithm.RIPEMD160;
            case SHAKE128 -> ContentHashAlgorithm.SHAKE128;
            case MD5 -> throw new IllegalArgumentException("MD5 names no content");
        };
    }

    /** @return lowercase hex plus the algorithm id ({@code shash::Any::ToString()}) of {@code data}'s digest */
    public static String hashStringOf(HashAlgorithm algorithm, byte[] data) {
        return HexFormat.of().formatHex(algorithm.digest(data)) + algorithm.id();
    }

    /**
     * @return the fingerprint form upstream's whitelist lists ({@code swissknife hash -f}): uppercase
     *         hex pairs joined by colons, then the uppercased algorithm id
     */
    public static String fingerprint(HashAlgorithm algorithm, byte[] digest) {
        String hex = HexFormat.of().withUpperCase().formatHex(digest);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < hex.length(); i += 2) {
            if (i > 0) {
                sb.append(':');
            }
            sb.append(hex, i, i + 2);
        }
        return sb.append(algorithm.id().toUpperCase(Locale.ROOT)).toString();
    }
}
