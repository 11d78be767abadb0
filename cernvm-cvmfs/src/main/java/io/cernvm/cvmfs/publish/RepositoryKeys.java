package io.cernvm.cvmfs.publish;

import io.cernvm.api.FaultLocation;
import io.cernvm.api.TrustException;
import io.cernvm.cvmfs.internal.publish.HashForms;
import io.cernvm.cvmfs.internal.publish.PemFiles;
import io.cernvm.cvmfs.internal.publish.LetterSigner;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Date;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.cert.X509v1CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v1CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * The keys of one repository, as upstream's {@code cvmfs_server_ssl.sh} makes them: a master key
 * pair (signs the whitelist; its public half is what clients trust), and a repository key with a
 * self-signed X.509 certificate (signs manifests; its fingerprint is on the whitelist). All RSA-2048.
 *
 * <p>Files in a key directory: {@code <fqrn>.pub} (master public key), {@code <fqrn>.masterkey}
 * (master private key, optional: without it the whitelist cannot be re-signed), {@code <fqrn>.crt}
 * and {@code <fqrn>.key} (certificate and its private key), all PEM as {@code openssl} writes them.
 */
public final class RepositoryKeys {
    /** Upstream's {@code openssl x509 -req -days 365}. */
    public static final Duration DEFAULT_CERTIFICATE_VALIDITY = Duration.ofDays(365);
    /** Upstream's default whitelist validity with a master key file. */
    public static final Duration DEFAULT_WHITELIST_VALIDITY = Duration.ofDays(30);

    private static final Pattern FQRN = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");
    private static final DateTimeFormatter WHITELIST_TIME =
            DateTimeFormatter.ofPattern("yyyyMMddHHmmss").withZone(ZoneOffset.UTC);

    private final String fqrn;
    private final PublicKey masterPublicKey;
    private final PrivateKey masterPrivateKey;
    private final X509Certificate certificate;
    private final PrivateKey certificateKey;

    private RepositoryKeys(String fqrn, PublicKey masterPublicKey, PrivateKey masterPrivateKey,
            X509Certificate certificate, PrivateKey certificateKey, FaultLocation where) {
        this.fqrn = checkFqrn(fqrn);
        this.masterPublicKey = Objects.requireNonNull(masterPublicKey, "masterPublicKey");
        this.masterPrivateKey = masterPrivateKey;
        this.certificate = Objects.requireNonNull(certificate, "certificate");
        this.certificateKey = Objects.requireNonNull(certificateKey, "certificateKey");
        if (masterPrivateKey != null && !pairs(masterPrivateKey, masterPublicKey, LetterSigner.Scheme.RAW_PKCS1)) {
            throw new TrustException("master private key does not match master public key", where);
        }
        if (!pairs(certificateKey, certificate.getPublicKey(), LetterSigner.Scheme.SHA1_WITH_RSA)) {
            throw new TrustException("repository key does not match the certificate", where);
        }
    }

    private static boolean pairs(PrivateKey priv, PublicKey pub, LetterSigner.Scheme scheme) {
        String probe = "cvmfs key pairing probe";
        byte[] sig = LetterSigner.signHashLine(probe, scheme, priv);
        return LetterSigner.verifyHashLine(probe, sig, scheme, pub);
    }

    static String checkFqrn(String fqrn) {
        Objects.requireNonNull(fqrn, "fqrn");
        if (!FQRN.matcher(fqrn).matches()) {
            throw new IllegalArgumentException("not a repository name: '" + fqrn + "'");
        }
        return fqrn;
    }

    /**
     * Generates fresh keys and a certificate valid for {@link #DEFAULT_CERTIFICATE_VALIDITY}
     * from now.
     *
     * @param fqrn  the fully qualified repository name, e.g. {@code test.cern.ch}
     * @param clock the time source for the certificate's validity
     * @return the keys
     */
    public static RepositoryKeys generate(String fqrn, Clock clock) {
        return generate(fqrn, clock, new SecureRandom());
    }

    /**
     * Generates fresh keys with the given randomness.
     *
     * @param fqrn   the fully qualified repository name
     * @param clock  the time source for the certificate's validity
     * @param random the randomness for keys and serial number
     * @return the keys
     */
    public static RepositoryKeys generate(String fqrn, Clock clock, SecureRandom random) {
        checkFqrn(fqrn);
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
            g.initialize(2048, random);
            KeyPair master = g.generateKeyPair();
            KeyPair repo = g.generateKeyPair();
            X500Name name = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.CN, commonName(fqrn)).build();
            Instant now = clock.instant();
            X509v1CertificateBuilder b = new JcaX509v1CertificateBuilder(name, new BigInteger(159, random).add(BigInteger.ONE),
                    Date.from(now), Date.from(now.plus(DEFAULT_CERTIFICATE_VALIDITY)), name, repo.getPublic());
            X509Certificate cert = new JcaX509CertificateConverter().getCertificate(
                    b.build(new JcaContentSignerBuilder("SHA256withRSA").build(repo.getPrivate())));
            return new RepositoryKeys(fqrn, master.getPublic(), master.getPrivate(), cert, repo.getPrivate(),
                    FaultLocation.NOWHERE);
        } catch (GeneralSecurityException | OperatorCreationException e) {
            throw new IllegalStateException("RSA key generation failed", e);
        }
    }

    /**
     * The certificate's common name as {@code cvmfs_server_ssl.sh} forms it: the name, cut to 30
     * characters plus {@code [...]} when longer, then {@code  CernVM-FS Release Managers}.
     *
     * @param fqrn the repository name
     * @return the common name
     */
    public static String commonName(String fqrn) {
        String cn = fqrn.length() > 30 ? fqrn.substring(0, 30) + "[...]" : fqrn;
        return cn + " CernVM-FS Release Managers";
    }

    /**
     * Reads {@code <fqrn>.pub}, {@code <fqrn>.crt}, {@code <fqrn>.key} and, if present,
     * {@code <fqrn>.masterkey} from a key directory.
     *
     * @param keyDir the directory
     * @param fqrn   the repository name
     * @return the keys
     * @throws TrustException when a file is not a key of the right kind or keys do not pair
     * @throws io.cernvm.api.NotFoundException when a required file is missing
     */
    public static RepositoryKeys load(Path keyDir, String fqrn) {
        checkFqrn(fqrn);
        PublicKey pub = PemFiles.readPublicKey(keyDir.resolve(fqrn + ".pub"));
        Path masterFile = keyDir.resolve(fqrn + ".masterkey");
        PrivateKey master = Files.exists(masterFile) ? PemFiles.readPrivateKey(masterFile) : null;
        X509Certificate cert = PemFiles.readCertificate(keyDir.resolve(fqrn + ".crt"));
        PrivateKey key = PemFiles.readPrivateKey(keyDir.resolve(fqrn + ".key"));
        return new RepositoryKeys(fqrn, pub, master, cert, key, FaultLocation.atPath(keyDir.toString()));
    }

    /**
     * Writes the four PEM files into {@code keyDir} (created if absent): public files mode 0444,
     * private ones 0400 where the file system has POSIX permissions, as upstream.
     *
     * @param keyDir the directory
     */
    public void writeTo(Path keyDir) {
        try {
            Files.createDirectories(keyDir);
            write(keyDir.resolve(fqrn + ".pub"), PemFiles.encode(masterPublicKey), "r--r--r--");
            if (masterPrivateKey != null) {
                write(keyDir.resolve(fqrn + ".masterkey"), PemFiles.privateKey(masterPrivateKey), "r--------");
            }
            write(keyDir.resolve(fqrn + ".crt"), PemFiles.encode(certificate), "r--r--r--");
            write(keyDir.resolve(fqrn + ".key"), PemFiles.privateKey(certificateKey), "r--------");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write keys to " + keyDir, e);
        }
    }

    private static void write(Path file, String text, String perms) throws IOException {
        Files.deleteIfExists(file);
        Files.writeString(file, text, StandardCharsets.US_ASCII);
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(perms));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: permissions are the platform's business
        }
    }

    /** @return the repository name */
    public String fqrn() {
        return fqrn;
    }

    /** @return the master public key (the client's {@code CVMFS_PUBLIC_KEY}) */
    public PublicKey masterPublicKey() {
        return masterPublicKey;
    }

    /** @return whether the master private key is present, so the whitelist can be signed */
    public boolean hasMasterKey() {
        return masterPrivateKey != null;
    }

    /** @return the repository certificate */
    public X509Certificate certificate() {
        return certificate;
    }

    /** @return the certificate in PEM, the content of the repository's certificate object */
    public byte[] certificatePem() {
        return PemFiles.encode(certificate).getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * @param algorithm the fingerprint's hash algorithm
     * @return the certificate fingerprint as the whitelist lists it ({@code AB:CD:…})
     */
    public String certificateFingerprint(ContentHashAlgorithm algorithm) {
        try {
            return HashForms.fingerprint(HashForms.of(algorithm), HashForms.of(algorithm).digest(certificate.getEncoded()));
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException("cannot encode certificate", e);
        }
    }

    /**
     * Writes and signs a whitelist as {@code cvmfs_server_ssl.sh create_whitelist} does: creation
     * time, {@code E}+expiry (UTC, {@code yyyyMMddHHmmss}), {@code N}+name, the certificate
     * fingerprint, then {@code --}, the hash line and a raw PKCS#1 signature by the master key.
     *
     * @param now       the creation time
     * @param validity  how long it stays valid (positive)
     * @param algorithm the fingerprint's and hash line's algorithm
     * @return the {@code .cvmfswhitelist} bytes
     * @throws TrustException when the master private key is absent
     */
    public byte[] signWhitelist(Instant now, Duration validity, ContentHashAlgorithm algorithm) {
        if (validity.isNegative() || validity.isZero()) {
            throw new IllegalArgumentException("whitelist validity must be positive: " + validity);
        }
        if (masterPrivateKey == null) {
            throw new TrustException("the master private key (" + fqrn + ".masterkey) is needed to sign the whitelist",
                    FaultLocation.atKey(fqrn + ".masterkey", null, null));
        }
        String text = WHITELIST_TIME.format(now) + "\n"
                + "E" + WHITELIST_TIME.format(now.plus(validity)) + "\n"
                + "N" + fqrn + "\n"
                + certificateFingerprint(algorithm) + "\n";
        return LetterSigner.sign(text, HashForms.of(algorithm), LetterSigner.Scheme.RAW_PKCS1, masterPrivateKey);
    }

    /**
     * Signs a manifest text (all fields, each line ending in {@code \n}): appends {@code --}, the
     * hash line and the SHA1withRSA signature of the hash line by the repository key.
     *
     * @param fields    the manifest fields
     * @param algorithm the hash line's algorithm (the repository's content hash)
     * @return the {@code .cvmfspublished} bytes
     */
    public byte[] signManifest(String fields, ContentHashAlgorithm algorithm) {
        return LetterSigner.sign(fields, HashForms.of(algorithm), LetterSigner.Scheme.SHA1_WITH_RSA, certificateKey);
    }

    /**
     * @return the master private key, if present
     */
    Optional<PrivateKey> masterPrivateKey() {
        return Optional.ofNullable(masterPrivateKey);
    }
}
