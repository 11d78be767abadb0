package io.cernvm.cvmfs.internal.publish;

import io.cernvm.api.FaultLocation;
import io.cernvm.api.IntegrityException;
import io.cernvm.api.TrustException;
import io.cernvm.cvmfs.internal.object.ContentHash;
import io.cernvm.cvmfs.internal.object.ObjectType;
import io.cernvm.cvmfs.internal.object.SignedLetter;
import java.security.PublicKey;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A repository's current manifest as the publisher needs it: the fields ({@code manifest.cc}),
 * written back in upstream's order ({@code C B R D S G A}, then {@code N X H T M Y}).
 *
 * @param rootCatalog     {@code C}
 * @param rootCatalogSize {@code B}
 * @param ttlSeconds      {@code D}
 * @param revision        {@code S}
 * @param fqrn            {@code N}
 * @param certificate     {@code X}
 * @param history         {@code H}, or {@code null}
 * @param timestamp       {@code T}, Unix seconds
 * @param metaInfo        {@code M}, or {@code null}
 * @param reflog          {@code Y} (hash string), or {@code null}
 */
public record ManifestState(ContentHash rootCatalog, long rootCatalogSize, long ttlSeconds, long revision, String fqrn,
        ContentHash certificate, ContentHash history, long timestamp, ContentHash metaInfo, String reflog) {
    /** MD5 of the empty root path; the only value clients accept for {@code R}. */
    public static final String ROOT_PATH_MD5 = "d41d8cd98f00b204e9800998ecf8427e";

    /** @return the unsigned manifest text, every line ending in a newline */
    public String text() {
        StringBuilder b = new StringBuilder();
        b.append('C').append(rootCatalog).append('\n');
        b.append('B').append(rootCatalogSize).append('\n');
        b.append('R').append(ROOT_PATH_MD5).append('\n');
        b.append('D').append(ttlSeconds).append('\n');
        b.append('S').append(revision).append('\n');
        b.append("Gno\n");
        b.append("Ano\n");
        b.append('N').append(fqrn).append('\n');
        b.append('X').append(certificate).append('\n');
        if (history != null) {
            b.append('H').append(history).append('\n');
        }
        b.append('T').append(timestamp).append('\n');
        if (metaInfo != null) {
            b.append('M').append(metaInfo).append('\n');
        }
        if (reflog != null) {
            b.append('Y').append(reflog).append('\n');
        }
        return b.toString();
    }

    /**
     * Parses a signed manifest and checks it was signed by {@code certificateKey}: a repository
     * is only continued with the keys that published it.
     *
     * @param file           the {@code .cvmfspublished} bytes
     * @param expectedFqrn   the repository name
     * @param certificateKey the publisher's certificate key
     * @param where          the file, for errors
     * @return the state
     */
    public static ManifestState parse(byte[] file, String expectedFqrn, PublicKey certificateKey, FaultLocation where) {
        SignedLetter letter = SignedLetter.cut(file, where);
        letter.verifyHashLine(where);
        if (!LetterSigner.verifyHashLine(letter.hashLine(), letter.signature(), LetterSigner.Scheme.SHA1_WITH_RSA,
                certificateKey)) {
            throw new TrustException("the repository's manifest is not signed by these keys "
                    + "(the keys do not match the repository)", where);
        }
        Map<Character, String> f = new LinkedHashMap<>();
        for (String line : letter.letterText().split("\n")) {
            if (!line.isEmpty()) {
                f.put(line.charAt(0), line.substring(1));
            }
        }
        String n = f.get('N');
        if (n != null && !n.equals(expectedFqrn)) {
            throw new TrustException("the repository is '" + n + "', not '" + expectedFqrn + "'", where);
        }
        try {
            return new ManifestState(
                    ContentHash.parse(required(f, 'C', where), ObjectType.CATALOG),
                    Long.parseLong(f.getOrDefault('B', "0")),
                    Long.parseLong(f.getOrDefault('D', "240")),
                    Long.parseLong(required(f, 'S', where)),
                    expectedFqrn,
                    ContentHash.parse(required(f, 'X', where), ObjectType.CERTIFICATE),
                    optional(f, 'H', ObjectType.HISTORY).orElse(null),
                    Long.parseLong(f.getOrDefault('T', "0")),
                    optional(f, 'M', ObjectType.METAINFO).orElse(null),
                    f.get('Y'));
        } catch (NumberFormatException e) {
            throw new IntegrityException("malformed manifest field: " + e.getMessage(), where, e);
        }
    }

    private static String required(Map<Character, String> f, char key, FaultLocation where) {
        String v = f.get(key);
        if (v == null) {
            throw new IntegrityException("manifest lacks the field " + key, where);
        }
        return v;
    }

    private static Optional<ContentHash> optional(Map<Character, String> f, char key, ObjectType type) {
        String v = f.get(key);
        return v == null ? Optional.empty() : Optional.of(ContentHash.parse(v, type));
    }
}
