package io.cernvm.cvmfs.internal.trust;

import io.cernvm.api.FaultLocation;
import io.cernvm.api.TrustException;
import io.cernvm.cvmfs.internal.object.ContentHash;
import io.cernvm.cvmfs.internal.object.ObjectType;
import io.cernvm.cvmfs.internal.object.SignedLetter;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The signed manifest {@code .cvmfspublished}, parsed as {@code manifest.cc} does: one field per
 * line (key letter, value), a repeated key overwriting the earlier one except {@code Z} (joined
 * with {@code |}), unknown keys kept but ignored; {@code C}, {@code R}, {@code D}, {@code S}
 * required.
 *
 * @param letter          the cut file
 * @param fields          every field by key letter, as written
 * @param rootCatalog     {@code C}: the root catalog
 * @param rootCatalogSize {@code B}, or -1 when absent
 * @param ttlSeconds      {@code D}
 * @param revision        {@code S}
 * @param repository      {@code N}, or {@code null} when absent
 * @param certificate     {@code X}, or {@code null}
 * @param history         {@code H}, or {@code null}
 * @param metainfo        {@code M}, or {@code null}
 * @param publishedEpochSeconds {@code T}, or 0 when absent (as upstream)
 */
public record ManifestFile(SignedLetter letter, Map<Character, String> fields, ContentHash rootCatalog,
                           long rootCatalogSize, long ttlSeconds, long revision, String repository,
                           ContentHash certificate, ContentHash history, ContentHash metainfo,
                           long publishedEpochSeconds) {

    /** The manifest's path below the repository base. */
    public static final String FILE = ".cvmfspublished";

    /** MD5 of the empty root path, the only {@code R} the client accepts ({@code manifest_fetch.cc}). */
    public static final String ROOT_PATH_HASH = "d41d8cd98f00b204e9800998ecf8427e";

    /** Copies the map. */
    public ManifestFile {
        fields = Map.copyOf(fields);
    }

    /**
     * Cuts and parses a manifest and checks its fields; checks no signature yet.
     *
     * @param file     the bytes as served
     * @param location file and URL, for errors
     * @return the manifest
     * @throws TrustException when it is malformed or a required field is missing
     */
    public static ManifestFile parse(byte[] file, FaultLocation location) {
        SignedLetter letter = SignedLetter.cut(file, location);
        Map<Character, String> fields = new LinkedHashMap<>();
        for (String line : letter.letterText().split("\n")) {
            if (line.isEmpty()) {
                continue;
            }
            char key = line.charAt(0);
            String value = line.substring(1);
            if (key == 'Z' && fields.containsKey('Z')) {
                value = fields.get('Z') + "|" + value;
            }
            fields.put(key, value);
        }
        ContentHash root = hash(fields, 'C', ObjectType.CATALOG, location)
                .orElseThrow(() -> new TrustException("manifest has no root catalog (C)", location));
        String r = fields.get('R');
        if (r == null) {
            throw new TrustException("manifest has no root path hash (R)", location);
        }
        if (!r.equals(ROOT_PATH_HASH)) {
            throw new TrustException("manifest root path hash (R) is not the MD5 of the root: " + r, location);
        }
        long ttl = number(fields, 'D', location).orElseThrow(() -> new TrustException("manifest has no TTL (D)", location));
        long revision = number(fields, 'S', location).orElseThrow(() -> new TrustException("manifest has no revision (S)", location));
        return new ManifestFile(letter, fields, root, number(fields, 'B', location).orElse(-1L), ttl, revision,
                fields.get('N'), hash(fields, 'X', ObjectType.CERTIFICATE, location).orElse(null),
                hash(fields, 'H', ObjectType.HISTORY, location).orElse(null),
                hash(fields, 'M', ObjectType.METAINFO, location).orElse(null),
                number(fields, 'T', location).orElse(0L));
    }

    private static Optional<ContentHash> hash(Map<Character, String> f, char key, ObjectType type, FaultLocation at) {
        String v = f.get(key);
        if (v == null) {
            return Optional.empty();
        }
        return Optional.of(ContentHash.tryParse(v, type).orElseThrow(
                () -> new TrustException("manifest field " + key + " is not a hash", at)));
    }

    private static Optional<Long> number(Map<Character, String> f, char key, FaultLocation at) {
        String v = f.get(key);
        if (v == null) {
            return Optional.empty();
        }
        if (v.isEmpty() || v.length() > 18 || !v.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new TrustException("manifest field " + key + " is not a non-negative number", at);
        }
        return Optional.of(Long.parseLong(v));
    }

    /**
     * Checks that the hash line is the hash of the manifest's fields. Done before anything the
     * fields name (the certificate object) is fetched, so a tampered field is refused as
     * tampering rather than surfacing as a missing or corrupt object.
     *
     * @param location file and URL, for errors
     * @throws TrustException when the fields do not hash to the hash line
     */
    public void checkHashLine(FaultLocation location) {
        letter.verifyHashLine(location);
    }

    /**
     * Checks the name and the hash line, and the signature by the certificate: SHA1withRSA over
     * the ASCII hash line, whatever the content hash algorithm ({@code signature.cc Verify}).
     *
     * @param expectedRepository the repository being opened
     * @param certificate        the repository certificate
     * @param location           file and URL, for errors
     * @throws TrustException on any refusal
     */
    public void verify(String expectedRepository, X509Certificate certificate, FaultLocation location) {
        checkName(expectedRepository, location);
        letter.verifyHashLine(location);
        try {
            Signature s = Signature.getInstance("SHA1withRSA");
            s.initVerify(certificate.getPublicKey());
            s.update(letter.hashLineBytes());
            if (s.verify(letter.signature())) {
                return;
            }
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new TrustException("manifest signature does not verify: " + e.getMessage(), location, e);
        }
        throw new TrustException("manifest signature is not by the repository certificate", location);
    }

    /**
     * @param expectedRepository the repository being opened
     * @param location           file and URL, for errors
     * @throws TrustException when the manifest names another repository or none ({@code manifest_fetch.cc})
     */
    public void checkName(String expectedRepository, FaultLocation location) {
        if (!expectedRepository.equals(repository)) {
            throw new TrustException("manifest is for repository '" + repository + "', not '" + expectedRepository + "'", location);
        }
    }
}
