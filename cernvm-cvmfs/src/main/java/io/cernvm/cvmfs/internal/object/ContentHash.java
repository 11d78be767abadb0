package io.cernvm.cvmfs.internal.object;

import io.cernvm.api.FaultLocation;
import io.cernvm.api.IntegrityException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;

/**
 * The name of an object in the content-addressed store: a digest, its algorithm and the type
 * suffix. {@link #toString()} is upstream's {@code ToString()} form (hex plus algorithm id,
 * without suffix), the form the manifest, catalogs and tags store; {@link #objectPath()} is
 * where the object lives below the repository's base.
 *
 * @param algorithm the algorithm (never MD5)
 * @param digest    the raw digest, of the algorithm's length
 * @param type      what the object holds (its suffix)
 */
public record ContentHash(HashAlgorithm algorithm, byte[] digest, ObjectType type) {

    private static final HexFormat HEX = HexFormat.of();
    private static final byte[] HEX_DIGITS = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] DATA = "data/".getBytes(StandardCharsets.US_ASCII);

    /** Validates the algorithm and the digest length; copies the digest. */
    public ContentHash {
        Objects.requireNonNull(algorithm, "algorithm");
        Objects.requireNonNull(digest, "digest");
        Objects.requireNonNull(type, "type");
        if (!algorithm.namesContent()) {
            throw new IllegalArgumentException("MD5 names no content object");
        }
        if (digest.length != algorithm.digestLength()) {
            throw new IllegalArgumentException("digest of " + algorithm + " must be "
                    + algorithm.digestLength() + " bytes, not " + digest.length);
        }
        digest = digest.clone();
    }

    /**
     * Hashes bytes as served (for objects: the compressed bytes).
     *
     * @param algorithm the algorithm
     * @param data      the bytes
     * @param type      the object type
     * @return their hash
     */
    public static ContentHash of(HashAlgorithm algorithm, byte[] data, ObjectType type) {
        return new ContentHash(algorithm, algorithm.digest(data), type);
    }

    /**
     * Parses upstream's {@code ToString()} form: lowercase hex directly followed by the
     * algorithm id, the algorithm inferred from the length as {@code MkFromHexPtr} does.
     *
     * @param text the hex form, e.g. {@code 36f9…65c} or {@code 9c11…8d31-rmd160}
     * @param type the type suffix the context implies
     * @return the hash
     * @throws IntegrityException when the text is not a hash
     */
    public static ContentHash parse(String text, ObjectType type) {
        return tryParse(text, type).orElseThrow(() -> new IntegrityException(
                "not a content hash: '" + abbreviate(text) + "'", FaultLocation.NOWHERE));
    }

    /**
     * @param text the hex form
     * @param type the type suffix
     * @return the hash, or empty when {@code text} is not one
     */
    public static Optional<ContentHash> tryParse(String text, ObjectType type) {
        if (text == null) {
            return Optional.empty();
        }
        Optional<HashAlgorithm> algorithm = HashAlgorithm.fromHexLength(text.length());
        if (algorithm.isEmpty()) {
            return Optional.empty();
        }
        HashAlgorithm a = algorithm.get();
        int hexEnd = 2 * a.digestLength();
        if (!text.startsWith(a.id(), hexEnd) || !isLowerHex(text, hexEnd)) {
            return Optional.empty();
        }
        return Optional.of(new ContentHash(a, HEX.parseHex(text, 0, hexEnd), type));
    }

    /**
     * Parses the full object name: hex, algorithm id and type suffix, e.g.
     * {@code 36f9…65cC} (the form of {@code CVMFS_ROOT_HASH} is without suffix).
     *
     * @param text hex form with suffix
     * @return the hash
     * @throws IntegrityException when the text is not one
     */
    public static ContentHash parseWithSuffix(String text) {
        if (text != null && !text.isEmpty()) {
            Optional<ObjectType> t = ObjectType.fromSuffix(text.charAt(text.length() - 1));
            if (t.isPresent()) {
                Optional<ContentHash> h = tryParse(text.substring(0, text.length() - 1), t.get());
                if (h.isPresent()) {
                    return h.get();
                }
            }
            Optional<ContentHash> plain = tryParse(text, ObjectType.FILE);
            if (plain.isPresent()) {
                return plain.get();
            }
        }
        throw new IntegrityException("not an object name: '" + abbreviate(text) + "'", FaultLocation.NOWHERE);
    }

    private static boolean isLowerHex(String s, int end) {
        for (int i = 0; i < end; i++) {
            char c = s.charAt(i);
            if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
                return false;
            }
        }
        return true;
    }

    private static String abbreviate(String s) {
        if (s == null) {
            return "null";
        }
        String printable = s.codePoints().limit(80)
                .map(c -> c < 0x20 || c == 0x7f ? '?' : c)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
        return s.length() > 80 ? printable + "…" : printable;
    }

    /** @return a copy of the digest */
    @Override
    public byte[] digest() {
        return digest.clone();
    }

    /** @return the lowercase hex of the digest alone */
    public String hex() {
        return HEX.formatHex(digest);
    }

    /** @return this hash naming an object of another type */
    public ContentHash withType(ObjectType newType) {
        return new ContentHash(algorithm, digest, newType);
    }

    /** @return the object's path below the repository base: {@code data/XX/<rest><id><suffix>} */
    public String objectPath() {
        // built byte by byte: this runs for every object fetched, and the concatenation of
        // hex substrings showed up in the small-file read profile
        String id = algorithm.id();
        String suffix = type.suffix();
        byte[] path = new byte[DATA.length + 1 + 2 * digest.length + id.length() + suffix.length()];
        System.arraycopy(DATA, 0, path, 0, DATA.length);
        int at = DATA.length;
        for (int i = 0; i < digest.length; i++) {
            path[at++] = HEX_DIGITS[(digest[i] >> 4) & 0xf];
            path[at++] = HEX_DIGITS[digest[i] & 0xf];
            if (i == 0) {
                path[at++] = '/';
            }
        }
        for (int i = 0; i < id.length(); i++) {
            path[at++] = (byte) id.charAt(i); // ids and suffixes are ASCII
        }
        for (int i = 0; i < suffix.length(); i++) {
            path[at++] = (byte) suffix.charAt(i);
        }
        return new String(path, StandardCharsets.ISO_8859_1);
    }

    /** @return hex, algorithm id and suffix: the object's file name as a whole */
    public String toSuffixedString() {
        return toString() + type.suffix();
    }

    /**
     * @param data bytes as served
     * @return whether they hash to this
     */
    public boolean matches(byte[] data) {
        return Arrays.equals(digest, algorithm.digest(data));
    }

    /** @return upstream's {@code ToString()}: hex plus algorithm id, without type suffix */
    @Override
    public String toString() {
        return hex() + algorithm.id();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ContentHash h && h.algorithm == algorithm && h.type == type
                && Arrays.equals(h.digest, digest);
    }

    @Override
    public int hashCode() {
        // the digest's first bytes are as good as any hash of it (it is one) and cost nothing
        int head = (digest[0] & 0xff) << 24 | (digest[1] & 0xff) << 16 | (digest[2] & 0xff) << 8 | (digest[3] & 0xff);
        return head ^ (algorithm.ordinal() << 4 | type.ordinal());
    }
}
