package io.cernvm.cvmfs.internal.trust;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cernvm.api.TrustException;
import io.cernvm.cvmfs.FixtureRepository;
import io.cernvm.cvmfs.FixtureSigning;
import io.cernvm.cvmfs.internal.transport.OverlayTransport;
import io.cernvm.cvmfs.internal.object.ContentHash;
import io.cernvm.cvmfs.internal.object.HashAlgorithm;
import io.cernvm.cvmfs.internal.object.ObjectFetcher;
import io.cernvm.cvmfs.internal.object.ObjectType;
import io.cernvm.cvmfs.internal.object.ZlibCodec;
import io.cernvm.cvmfs.internal.transport.DirectoryTransport;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrustChainTest {

    private static final String NEW = "server-2.12.0";
    private static final String OLD = "server-2.2.0";
    private static final Clock NOW = Clock.fixed(Instant.parse("2026-11-27T12:00:00Z"), ZoneOffset.UTC);
    private static final Clock JAN_2016 = Clock.fixed(Instant.parse("2016-01-20T00:00:00Z"), ZoneOffset.UTC);

    @TempDir
    static Path shared;
    @TempDir
    Path tmp;
    private static Path repo;
    private OverlayTransport transport;

    @BeforeAll
    static void unpack() throws Exception {
        repo = FixtureRepository.unpack(NEW, shared);
    }

    @BeforeEach
    void overlay() {
        transport = new OverlayTransport(new DirectoryTransport(repo));
    }

    private TrustChain chain(String fixture, Clock clock) {
        return new TrustChain("test.cern.ch", MasterKeys.load(List.of(FixtureRepository.publicKey(fixture))), clock,
                new InMemoryBreadcrumbStore());
    }

    private VerifiedManifest verify() {
        return chain(NEW, NOW).verify(transport, new ObjectFetcher(transport));
    }

    private byte[] published() throws Exception {
        return Files.readAllBytes(repo.resolve(".cvmfspublished"));
    }

    private PrivateKey certKey() throws Exception {
        return FixtureSigning.privateKey(FixtureRepository.dir(NEW).resolve("test.cern.ch.key"));
    }

    private PrivateKey masterKey() throws Exception {
        return FixtureSigning.privateKey(FixtureRepository.dir(NEW).resolve("test.cern.ch.masterkey"));
    }

    @Test
    void acceptsTheNewFixture() {
        VerifiedManifest v = verify();
        assertThat(v.manifest().rootCatalog().toString()).isEqualTo("8d584048e8e011f3fbc6fb3f1c80ac6a383df230");
        assertThat(v.manifest().revision()).isEqualTo(3);
        assertThat(v.whitelist().expiryHour()).isEqualTo(Instant.parse("2036-11-23T23:00:00Z"));
        assertThat(v.whitelist().fingerprints()).hasSize(1);
    }

    @Test
    void acceptsTheOldFixtureBeforeItsWhitelistExpired(@TempDir Path other) throws Exception {
        OverlayTransport old = new OverlayTransport(new DirectoryTransport(FixtureRepository.unpack(OLD, other)));
        VerifiedManifest v = chain(OLD, JAN_2016).verify(old, new ObjectFetcher(old));
        assertThat(v.manifest().rootCatalog().toString()).isEqualTo("36f949c653fc2441ce46b7c123751c813a04f65c");
        assertThat(v.manifest().fields()).containsEntry('V', "2.2.0");
    }

    @Test
    void comparesTheExpiryToTheHourInUtc(@TempDir Path other) throws Exception {
        OverlayTransport old = new OverlayTransport(new DirectoryTransport(FixtureRepository.unpack(OLD, other)));
        // E20160212160413: valid until 15:59:59, already expired during the hour 16
        Clock lastSecond = Clock.fixed(Instant.parse("2016-02-12T15:59:59Z"), ZoneOffset.UTC);
        Clock expiryHour = Clock.fixed(Instant.parse("2016-02-12T16:00:00Z"), ZoneOffset.UTC);
        chain(OLD, lastSecond).verify(old, new ObjectFetcher(old));
        assertThatThrownBy(() -> chain(OLD, expiryHour).verify(old, new ObjectFetcher(old)))
                .isInstanceOf(TrustException.class).hasMessageContaining("expired")
                .hasMessageContaining(".cvmfswhitelist").hasMessageContaining("file:");
    }

    @Test
    void refusesAnExpiredWhitelist() {
        Clock later = Clock.fixed(Instant.parse("2037-01-01T00:00:00Z"), ZoneOffset.UTC);
        assertThatThrownBy(() -> chain(NEW, later).verify(transport, new ObjectFetcher(transport)))
                .isInstanceOf(TrustException.class).hasMessageContaining("whitelist expired");
    }

    @Test
    void refusesAWrongRepositoryName() {
        TrustChain other = new TrustChain("other.cern.ch", MasterKeys.load(List.of(FixtureRepository.publicKey(NEW))),
                NOW, new InMemoryBreadcrumbStore());
        assertThatThrownBy(() -> other.verify(transport, new ObjectFetcher(transport)))
                .isInstanceOf(TrustException.class).hasMessageContaining("not 'other.cern.ch'")
                .hasMessageContaining(".cvmfspublished");
    }

    @Test
    void refusesAWrongMasterKey() {
        TrustChain wrongKey = new TrustChain("test.cern.ch", MasterKeys.load(List.of(FixtureRepository.publicKey(OLD))),
                NOW, new InMemoryBreadcrumbStore());
        assertThatThrownBy(() -> wrongKey.verify(transport, new ObjectFetcher(transport)))
                .isInstanceOf(TrustException.class).hasMessageContaining("not by any master key");
    }

    @Test
    void refusesAManifestWithAStaleHashLine() throws Exception {
        byte[] m = published();
        String text = new String(m, StandardCharsets.ISO_8859_1).replaceFirst("\nS3\n", "\nS4\n");
        transport.replace(".cvmfspublished", text.getBytes(StandardCharsets.ISO_8859_1));
        assertThatThrownBy(this::verify).isInstanceOf(TrustException.class)
                .hasMessageContaining("hash line does not match").hasMessageContaining(".cvmfspublished");
        assertThat(transport.corrupt).contains(".cvmfspublished");
    }

    @Test
    void refusesAManifestWithAGoodHashButABadSignature() throws Exception {
        String letter = FixtureSigning.letterOf(published()).replace("\nS3\n", "\nS4\n");
        byte[] oldSig = java.util.Arrays.copyOfRange(published(), published().length - 256, published().length);
        transport.replace(".cvmfspublished", FixtureSigning.assemble(letter, FixtureSigning.sha1Hex(letter), oldSig));
        assertThatThrownBy(this::verify).isInstanceOf(TrustException.class)
                .hasMessageContaining("manifest signature");
    }

    @Test
    void acceptsAManifestReSignedByTheRepositoryCertificate() throws Exception {
        String letter = FixtureSigning.letterOf(published()).replace("\nS3\n", "\nS4\n");
        transport.replace(".cvmfspublished", FixtureSigning.manifest(letter, FixtureSigning.sha1Hex(letter), certKey()));
        assertThat(verify().manifest().revision()).isEqualTo(4);
    }

    /** Publishes a new self-signed certificate object and a manifest signed by its key; returns the certificate. */
    private java.security.cert.X509Certificate publishCertificate(Date notBefore, Date notAfter) throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(2048);
        KeyPair kp = g.generateKeyPair();
        var holder = new JcaX509v3CertificateBuilder(new X500Name("CN=other"), BigInteger.ONE,
                notBefore, notAfter, new X500Name("CN=other"), kp.getPublic())
                .build(new JcaContentSignerBuilder("SHA256withRSA").build(kp.getPrivate()));
        var cert = new JcaX509CertificateConverter().getCertificate(holder);
        String pem = "-----BEGIN CERTIFICATE-----\n"
                + java.util.Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(cert.getEncoded())
                + "\n-----END CERTIFICATE-----\n";
        byte[] object = ZlibCodec.deflate(pem.getBytes(StandardCharsets.US_ASCII));
        ContentHash h = ContentHash.of(HashAlgorithm.SHA1, object, ObjectType.CERTIFICATE);
        transport.replace(h.objectPath(), object);
        String letter = FixtureSigning.letterOf(published()).replaceFirst("\nX[0-9a-f]{40}\n", "\nX" + h + "\n");
        transport.replace(".cvmfspublished", FixtureSigning.manifest(letter, FixtureSigning.sha1Hex(letter), kp.getPrivate()));
        return cert;
    }

    @Test
    void refusesAValidSignatureByACertificateNotOnTheWhitelist() throws Exception {
        publishCertificate(new Date(0), new Date(4_000_000_000_000L));
        assertThatThrownBy(this::verify).isInstanceOf(TrustException.class)
                .hasMessageContaining("not on the whitelist").hasMessageContaining(".cvmfswhitelist");
    }

    @Test
    void ignoresTheValidityDatesOfAWhitelistedCertificate() throws Exception {
        // "validity range is unused" (signature.cc): an expired certificate still signs
        var cert = publishCertificate(new Date(0), new Date(1_000_000_000_000L));
        String fingerprint = Whitelist.fingerprintOf(cert, HashAlgorithm.SHA1).hex().toUpperCase(java.util.Locale.ROOT)
                .replaceAll("(..)(?!$)", "$1:");
        String letter = FixtureSigning.letterOf(Files.readAllBytes(repo.resolve(".cvmfswhitelist")))
                .replaceFirst("\n[0-9A-F:]{59}\n", "\n" + fingerprint + "\n");
        transport.replace(".cvmfswhitelist", FixtureSigning.whitelist(letter, masterKey()));
        assertThat(verify().certificate()).isEqualTo(cert);
    }

    @Test
    void refusesATamperedCertificateObject() throws Exception {
        VerifiedManifest v = verify();
        String path = v.manifest().certificate().objectPath();
        byte[] bytes = Files.readAllBytes(repo.resolve(path));
        bytes[bytes.length / 2] ^= 1;
        transport.replace(path, bytes);
        assertThatThrownBy(this::verify).isInstanceOf(TrustException.class)
                .hasMessageContaining("certificate object is corrupt").hasMessageContaining(path);
    }

    @Test
    void refusesATamperedWhitelist() throws Exception {
        byte[] w = Files.readAllBytes(repo.resolve(".cvmfswhitelist"));
        String letter = FixtureSigning.letterOf(w).replace("E2036", "E2099");
        byte[] sig = java.util.Arrays.copyOfRange(w, w.length - 256, w.length);
        transport.replace(".cvmfswhitelist", FixtureSigning.assemble(letter, FixtureSigning.sha1Hex(letter), sig));
        assertThatThrownBy(this::verify).isInstanceOf(TrustException.class)
                .hasMessageContaining("not by any master key");
        transport.replace(".cvmfswhitelist", FixtureSigning.assemble(letter, FixtureSigning.sha1Hex("x"), sig));
        assertThatThrownBy(this::verify).isInstanceOf(TrustException.class)
                .hasMessageContaining("hash line does not match");
    }

    @Test
    void acceptsAWhitelistReSignedByTheMasterKey() throws Exception {
        String letter = FixtureSigning.letterOf(Files.readAllBytes(repo.resolve(".cvmfswhitelist")))
                .replace("E2036", "E2099");
        transport.replace(".cvmfswhitelist", FixtureSigning.whitelist(letter, masterKey()));
        assertThat(verify().whitelist().expiryHour()).isEqualTo(Instant.parse("2099-11-23T23:00:00Z"));
    }

    @Test
    void reportsPkcs7AndCaChainWhitelistsAsUnsupported() throws Exception {
        String letter = FixtureSigning.letterOf(Files.readAllBytes(repo.resolve(".cvmfswhitelist")));
        transport.replace(".cvmfswhitelist",
                FixtureSigning.whitelist(letter.replace("Ntest.cern.ch\n", "Ntest.cern.ch\nVpkcs7\n"), masterKey()));
        assertThatThrownBy(this::verify).isInstanceOf(TrustException.class)
                .hasMessageContaining("Vpkcs7").hasMessageContaining("not support");
        transport.replace(".cvmfswhitelist",
                FixtureSigning.whitelist(letter.replace("Ntest.cern.ch\n", "Ntest.cern.ch\nWcachain\n"), masterKey()));
        assertThatThrownBy(this::verify).isInstanceOf(TrustException.class)
                .hasMessageContaining("Wcachain").hasMessageContaining("not support");
    }

    @Test
    void refusesAManifestOlderThanOneAlreadySeen() throws Exception {
        BreadcrumbStore crumbs = new InMemoryBreadcrumbStore();
        TrustChain c = new TrustChain("test.cern.ch", MasterKeys.load(List.of(FixtureRepository.publicKey(NEW))), NOW, crumbs);
        VerifiedManifest v = c.verify(transport, new ObjectFetcher(transport));
        assertThat(crumbs.load("test.cern.ch")).contains(new Breadcrumb(v.manifest().rootCatalog(), 1795737371L, 3));
        crumbs.store("test.cern.ch", new Breadcrumb(v.manifest().rootCatalog(), 1795737372L, 4));
        assertThatThrownBy(() -> c.verify(transport, new ObjectFetcher(transport)))
                .isInstanceOf(TrustException.class).hasMessageContaining("older than one already accepted");
        assertThat(Breadcrumb.parse(v.manifest().rootCatalog() + "T1795737371R3"))
                .contains(new Breadcrumb(v.manifest().rootCatalog(), 1795737371L, 3));
    }

    @Test
    void readsKeysFromADirectory() throws Exception {
        Path keys = Files.createDirectory(tmp.resolve("keys"));
        Files.copy(FixtureRepository.publicKey(OLD), keys.resolve("a.pub"));
        Files.copy(FixtureRepository.publicKey(NEW), keys.resolve("b.pub"));
        Files.writeString(keys.resolve("README"), "not a key");
        MasterKeys k = MasterKeys.load(List.of(keys));
        assertThat(k.keys()).hasSize(2);
        new TrustChain("test.cern.ch", k, NOW, new InMemoryBreadcrumbStore()).verify(transport, new ObjectFetcher(transport));
    }
}
