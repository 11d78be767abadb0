package io.cernvm.cvmfs.internal.trust;

import io.cernvm.api.FaultLocation;
import io.cernvm.api.TrustException;
import io.cernvm.cvmfs.internal.object.ContentHash;
import io.cernvm.cvmfs.internal.object.HashAlgorithm;
import io.cernvm.cvmfs.internal.object.ObjectType;
import io.cernvm.cvmfs.internal.object.SignedLetter;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.crypto.Cipher;

/**
 * The certificate whitelist {@code .cvmfswhitelist}, parsed as {@code whitelist.cc ParseWhitelist}
 * does: a 14-character creation stamp, {@code E} + a 14-digit UTC expiry, {@code N} + the
 * repository name, optional {@code Vpkcs7} and {@code Wcachain}, then certificate fingerprints
 * (unparsable lines skipped), signed by a master key with a raw PKCS#1 signature over the hash
 * line.
 *
 * @param letter       the cut file
 * @param created      the creation stamp as written
 * @param expiryHour   the expiry, truncated to the hour (only the hour counts, as upstream)
 * @param repository   the repository name on the whitelist
 * @param pkcs7        whether {@code Vpkcs7} demands the separate PKCS#7 signature
 * @param caChain      whether {@code Wcachain} demands X.509 CA-chain verification
 * @param fingerprints the listed certificate fingerprints
 */
public record Whitelist(SignedLetter letter, String created, Instant expiryHour, String repository,
                        boolean pkcs7, boolean caChain, List<ContentHash> fingerprints) {

    /** The whitelist's path below the repository base. */
    public static final String FILE = ".cvmfswhitelist";

    /** Copies the list. */
    public Whitelist {
        fingerprints = List.copyOf(fingerprints);
    }

    /**
     * Cuts and parses a whitelist; checks nothing about trust yet.
     *
     * @param file     the bytes as served
     * @param location file and URL, for errors
     * @return the whitelist
     * @throws TrustException when it is malformed
     */
    public static Whitelist parse(byte[] file, FaultLocation location) {
        SignedLetter letter = SignedLetter.cut(file, location);
        String[] lines = letter.letterText().split("\n", -1);
        // the letter ends with '\n', so the last element is the empty rest
        if (lines.length < 4) {
            throw new TrustException("whitelist is truncated: fewer than three lines", location);
        }
        if (lines[0].length() != 14) {
            throw new TrustException("whitelist creation stamp is not 14 characters", location);
        }
        String e = lines[1];
        if (e.length() != 15 || e.charAt(0) != 'E' || !e.substring(1).chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new TrustException("whitelist expiry is not E + 14 digits", location);
        }
        Instant expiry;
        try {
            expiry = LocalDateTime.of(Integer.parseInt(e.substring(1, 5)), Integer.parseInt(e.substring(5, 7)),
                    Integer.parseInt(e.substring(7, 9)), Integer.parseInt(e.substring(9, 11)), 0).toInstant(ZoneOffset.UTC);
        } catch (DateTimeException ex) {
            throw new TrustException("whitelist expiry is not a date: " + e.substring(1), location, ex);
        }
        if (!lines[2].startsWith("N")) {
            throw new TrustException("whitelist has no repository name line", location);
        }
        String name = lines[2].substring(1);
        int i = 3;
        boolean pkcs7 = false;
        boolean caChain = false;
        if (i < lines.length && lines[i].equals("Vpkcs7")) {
            pkcs7 = true;
            i++;
        }
        if (i < lines.length && lines[i].equals("Wcachain")) {
            caChain = true;
            i++;
        }
        List<ContentHash> fingerprints = new ArrayList<>();
        for (; i < lines.length; i++) {
            fingerprint(lines[i]).ifPresent(fingerprints::add);
        }
        return new Whitelist(letter, lines[0], expiry, name, pkcs7, caChain, fingerprints);
    }

    /**
     * Reads a fingerprint as {@code MkFromFingerprint} does: up to a space, tab or {@code #},
     * colons dropped, lower-cased, algorithm by length.
     *
     * @param line one whitelist line
     * @return the fingerprint, or empty when the line is not one
     */
    public static Optional<ContentHash> fingerprint(String line) {
        int end = line.length();
        for (int k = 0; k < line.length(); k++) {
            char c = line.charAt(k);
            if (c == ' ' || c == '\t' || c == '#') {
                end = k;
                break;
            }
        }
        String hex = line.substring(0, end).replace(":", "").toLowerCase(java.util.Locale.ROOT);
        return ContentHash.tryParse(hex, ObjectType.FILE);
    }

    /**
     * @param certificate a repository certificate
     * @param algorithm   the fingerprint algorithm
     * @return its fingerprint: the hash of its DER encoding, as {@code HashCertificate}
     */
    public static ContentHash fingerprintOf(X509Certificate certificate, HashAlgorithm algorithm) {
        try {
            return ContentHash.of(algorithm, certificate.getEncoded(), ObjectType.FILE);
        } catch (CertificateEncodingException e) {
            throw new TrustException("certificate cannot be encoded: " + e.getMessage(), FaultLocation.NOWHERE, e);
        }
    }

    /**
     * Runs every check upstream runs on a whitelist: the name, the supported verification mode,
     * the hash line, the master-key signature, and the expiry.
     *
     * @param expectedRepository the repository being opened
     * @param keys               the master keys
     * @param clock              the time source for the expiry
     * @param location           file and URL, for errors
     * @throws TrustException on any refusal
     */
    public void verify(String expectedRepository, MasterKeys keys, Clock clock, FaultLocation location) {
        if (!repository.equals(expectedRepository)) {
            throw new TrustException("whitelist is for repository '" + repository + "', not '" + expectedRepository + "'", location);
        }
        if (pkcs7) {
            throw new TrustException("whitelist demands PKCS#7 verification (Vpkcs7), which this client does not support", location);
        }
        letter.verifyHashLine(location);
        verifySignature(keys, location);
        if (caChain) {
            throw new TrustException("whitelist demands CA-chain verification (Wcachain), which this client does not support", location);
        }
        checkExpiry(clock, location);
    }

    /**
     * @param clock    the time source
     * @param location file and URL, for errors
     * @throws TrustException when the whitelist expired: now is at or after its expiry hour (UTC)
     */
    public void checkExpiry(Clock clock, FaultLocation location) {
        Instant now = clock.instant();
        if (!now.isBefore(expiryHour)) {
            throw new TrustException("whitelist expired at " + expiryHour + " (now " + now + ")", location);
        }
    }

    private void verifySignature(MasterKeys keys, FaultLocation location) {
        byte[] expected = letter.hashLineBytes();
        byte[] sig = letter.signature();
        for (PublicKey key : keys.keys()) {
            try {
                Cipher rsa = Cipher.getInstance("RSA/ECB/PKCS1Padding");
                rsa.init(Cipher.DECRYPT_MODE, key);
                // whitelist signatures are raw PKCS#1 type 1 over the hash line (signature.cc VerifyRsa)
                byte[] recovered = rsa.doFinal(sig);
                if (MessageDigest.isEqual(recovered, expected)) {
                    return;
                }
            } catch (GeneralSecurityException | RuntimeException e) {
                // this key does not verify it; try the next one
            }
        }
        throw new TrustException("whitelist signature is not by any master key (" + String.join(", ", keys.sources()) + ")", location);
    }

    /**
     * @param certificate the repository certificate
     * @return whether its fingerprint is listed
     */
    public boolean lists(X509Certificate certificate) {
        for (ContentHash f : fingerprints) {
            if (fingerprintOf(certificate, f.algorithm()).equals(f)) {
                return true;
            }
        }
        return false;
    }
}
