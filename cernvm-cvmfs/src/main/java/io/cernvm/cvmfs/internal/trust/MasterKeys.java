package io.cernvm.cvmfs.internal.trust;

import io.cernvm.api.ConfigurationException;
import io.cernvm.api.FaultLocation;
import io.cernvm.api.TrustException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;

/**
 * The repository master public keys that sign whitelists: PEM {@code BEGIN PUBLIC KEY}
 * (SubjectPublicKeyInfo) as {@code PEM_read_PUBKEY} reads them. Any one key suffices.
 *
 * @param keys    the keys
 * @param sources where each key came from (same order), for messages
 */
public record MasterKeys(List<PublicKey> keys, List<String> sources) {

    private static final String BEGIN = "-----BEGIN PUBLIC KEY-----";
    private static final String END = "-----END PUBLIC KEY-----";

    /** Copies the lists and checks that there is at least one key. */
    public MasterKeys {
        keys = List.copyOf(keys);
        sources = List.copyOf(sources);
        if (keys.isEmpty() || keys.size() != sources.size()) {
            throw new IllegalArgumentException("need at least one key, and one source per key");
        }
    }

    /**
     * Loads keys from files and directories: a file is one key, a directory contributes every
     * {@code *.pub} in it (as {@code CVMFS_KEYS_DIR}), in name order.
     *
     * @param paths files or directories
     * @return the keys
     * @throws ConfigurationException when a path is missing, unreadable, or no key is found
     * @throws TrustException         when a file is not a PEM public key
     */
    public static MasterKeys load(List<Path> paths) {
        List<PublicKey> keys = new ArrayList<>();
        List<String> sources = new ArrayList<>();
        for (Path p : paths) {
            if (Files.isDirectory(p)) {
                try (Stream<Path> s = Files.list(p)) {
                    for (Path f : s.filter(f -> f.getFileName().toString().endsWith(".pub")).sorted().toList()) {
                        keys.add(readFile(f));
                        sources.add(f.toString());
                    }
                } catch (IOException e) {
                    throw new ConfigurationException("cannot list keys directory: " + e.getMessage(),
                            FaultLocation.atPath(p.toString()), e);
                }
            } else {
                keys.add(readFile(p));
                sources.add(p.toString());
            }
        }
        if (keys.isEmpty()) {
            throw new ConfigurationException("no master public key (*.pub) found", FaultLocation.atPath(paths.toString()));
        }
        return new MasterKeys(keys, sources);
    }

    private static PublicKey readFile(Path f) {
        String pem;
        try {
            if (Files.size(f) > 64 * 1024) {
                throw new TrustException("public key file is implausibly large", FaultLocation.atPath(f.toString()));
            }
            pem = Files.readString(f, StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new ConfigurationException("cannot read public key: " + e, FaultLocation.atPath(f.toString()), e);
        }
        return parsePem(pem, f.toString());
    }

    /**
     * @param pem    text holding one {@code BEGIN PUBLIC KEY} block
     * @param source where it came from, for errors
     * @return the key
     * @throws TrustException when it is not an RSA public key in PEM
     */
    public static PublicKey parsePem(String pem, String source) {
        int b = pem.indexOf(BEGIN);
        int e = b < 0 ? -1 : pem.indexOf(END, b);
        if (b < 0 || e < 0) {
            throw new TrustException("not a PEM public key (no BEGIN/END PUBLIC KEY)", FaultLocation.atPath(source));
        }
        String body = pem.substring(b + BEGIN.length(), e).replaceAll("\\s", "");
        try {
            byte[] der = Base64.getDecoder().decode(body);
            return KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(der));
        } catch (IllegalArgumentException | GeneralSecurityException ex) {
            throw new TrustException("not an RSA public key: " + ex.getMessage(), FaultLocation.atPath(source), ex);
        }
    }

    /**
     * @param key    one key
     * @param source where it came from
     * @return a single-key set
     */
    public static MasterKeys of(PublicKey key, String source) {
        return new MasterKeys(List.of(key), List.of(source));
    }
}
