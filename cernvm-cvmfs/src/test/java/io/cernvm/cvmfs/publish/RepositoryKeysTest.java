package io.cernvm.cvmfs.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cernvm.api.TrustException;
import io.cernvm.cvmfs.internal.object.HashAlgorithm;
import io.cernvm.cvmfs.internal.publish.HashForms;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RepositoryKeysTest {
    private static final Instant NOW = Instant.parse("2026-11-27T01:02:03Z");
    private static RepositoryKeys keys;

    @BeforeAll
    static void generate() {
        keys = RepositoryKeys.generate("test.example.org", Clock.fixed(NOW, ZoneOffset.UTC));
    }

    static Path fixtureDir() {
        String shared = System.getProperty("cernvm.shared");
        assertThat(shared).as("system property cernvm.shared").isNotNull();
        Path dir = Path.of(shared, "fixtures", "cvmfs", "server-2.12.0");
        assertThat(dir).isDirectory();
        return dir;
    }

    @Test
    void commonNameIsCutAfterThirtyCharactersAsUpstream() {
        assertThat(RepositoryKeys.commonName("test.cern.ch")).isEqualTo("test.cern.ch CernVM-FS Release Managers");
        String longName = "a-very-long-repository-name.example.org";
        assertThat(RepositoryKeys.commonName(longName))
                .isEqualTo("a-very-long-repository-name.ex[...] CernVM-FS Release Managers");
        assertThat(RepositoryKeys.commonName("x".repeat(30))).isEqualTo("x".repeat(30) + " CernVM-FS Release Managers");
    }

    @Test
    void filesRoundTripAndOpensslReadsThem(@TempDir Path dir) throws Exception {
        keys.writeTo(dir);
        assertThat(dir.resolve("test.example.org.pub")).exists();
        assertThat(dir.resolve("test.example.org.masterkey")).exists();
        RepositoryKeys back = RepositoryKeys.load(dir, "test.example.org");
        assertThat(back.certificate()).isEqualTo(keys.certificate());
        assertThat(back.masterPublicKey()).isEqualTo(keys.masterPublicKey());
        assertThat(back.hasMasterKey()).isTrue();

        String subject = OpensslRunner.run(dir, "x509", "-in", "test.example.org.crt", "-noout", "-subject");
        assertThat(subject).contains("CN = test.example.org CernVM-FS Release Managers");
        OpensslRunner.run(dir, "rsa", "-in", "test.example.org.key", "-check", "-noout");
        OpensslRunner.run(dir, "rsa", "-in", "test.example.org.masterkey", "-check", "-noout");
        OpensslRunner.run(dir, "pkey", "-pubin", "-in", "test.example.org.pub", "-noout");
    }

    @Test
    void whitelistVerifiesWithOpensslPkeyutl(@TempDir Path dir) throws Exception {
        keys.writeTo(dir);
        byte[] whitelist = keys.signWhitelist(NOW, Duration.ofDays(30), ContentHashAlgorithm.SHA1);
        SignedFileParts parts = SignedFileParts.of(whitelist);
        assertThat(parts.textString()).startsWith("20261127010203\nE20261227010203\nNtest.example.org\n");
        assertThat(parts.textString().lines().toList().get(3)).isEqualTo(keys.certificateFingerprint(ContentHashAlgorithm.SHA1));
        assertThat(parts.hashLine()).isEqualTo(HashForms.hashStringOf(HashAlgorithm.SHA1, parts.text()));
        Files.writeString(dir.resolve("hash"), parts.hashLine(), StandardCharsets.US_ASCII);
        Files.write(dir.resolve("sig"), parts.signature());
        String out = OpensslRunner.run(dir, "pkeyutl", "-verify", "-pubin", "-inkey", "test.example.org.pub",
                "-in", "hash", "-sigfile", "sig");
        assertThat(out).contains("Signature Verified Successfully");
        // The fingerprint equals openssl's SHA-1 of the DER certificate.
        String fp = OpensslRunner.run(dir, "x509", "-in", "test.example.org.crt", "-noout", "-fingerprint", "-sha1");
        assertThat(fp.trim()).endsWith("=" + keys.certificateFingerprint(ContentHashAlgorithm.SHA1));
    }

    @Test
    void whitelistWithOtherAlgorithmsCarriesTheAlgorithmId() {
        byte[] whitelist = keys.signWhitelist(NOW, Duration.ofDays(7), ContentHashAlgorithm.SHAKE128);
        SignedFileParts parts = SignedFileParts.of(whitelist);
        assertThat(parts.hashLine()).endsWith("-shake128").hasSize(49);
        assertThat(parts.textString().lines().toList().get(3)).endsWith("-SHAKE128");
        assertThat(parts.textString()).contains("\nE20261204010203\n");
    }

    @Test
    void manifestVerifiesWithOpensslDgst(@TempDir Path dir) throws Exception {
        keys.writeTo(dir);
        byte[] manifest = keys.signManifest("Cabc\nRd41d8cd98f00b204e9800998ecf8427e\n", ContentHashAlgorithm.RIPEMD160);
        SignedFileParts parts = SignedFileParts.of(manifest);
        assertThat(parts.hashLine()).endsWith("-rmd160");
        Files.writeString(dir.resolve("hash"), parts.hashLine(), StandardCharsets.US_ASCII);
        Files.write(dir.resolve("sig"), parts.signature());
        OpensslRunner.run(dir, "x509", "-in", "test.example.org.crt", "-pubkey", "-noout", "-out", "cert.pub");
        String out = OpensslRunner.run(dir, "dgst", "-sha1", "-verify", "cert.pub", "-signature", "sig", "hash");
        assertThat(out).contains("Verified OK");
    }

    @Test
    void fixtureKeysLoadAndReproduceTheFixtureWhitelistFormat(@TempDir Path dir) throws Exception {
        Path fixture = fixtureDir();
        RepositoryKeys fx = RepositoryKeys.load(fixture, "test.cern.ch");
        assertThat(fx.hasMasterKey()).isTrue();
        assertThat(fx.certificate().getSubjectX500Principal().getName()).contains("test.cern.ch CernVM-FS Release Managers");

        Path unpacked = FixtureRepository.unpack(dir);
        byte[] theirs = Files.readAllBytes(unpacked.resolve(".cvmfswhitelist"));
        SignedFileParts their = SignedFileParts.of(theirs);
        Instant created = Instant.parse("2026-11-26T23:56:06Z");
        byte[] ours = fx.signWhitelist(created, Duration.between(created, Instant.parse("2036-11-23T23:56:06Z")), ContentHashAlgorithm.SHA1);
        SignedFileParts mine = SignedFileParts.of(ours);
        // Same text, hash line and (deterministic PKCS#1 v1.5) signature as the official tools.
        assertThat(mine.textString()).isEqualTo(their.textString());
        assertThat(mine.hashLine()).isEqualTo(their.hashLine());
        assertThat(mine.signature()).isEqualTo(their.signature());

        SignedFileParts manifest = SignedFileParts.of(Files.readAllBytes(unpacked.resolve(".cvmfspublished")));
        byte[] resigned = fx.signManifest(manifest.textString(), ContentHashAlgorithm.SHA1);
        assertThat(resigned).isEqualTo(Files.readAllBytes(unpacked.resolve(".cvmfspublished")));
    }

    @Test
    void mismatchedKeysAreATrustError(@TempDir Path dir) throws Exception {
        keys.writeTo(dir);
        RepositoryKeys other = RepositoryKeys.generate("test.example.org", Clock.fixed(NOW, ZoneOffset.UTC));
        Path otherDir = dir.resolve("other");
        other.writeTo(otherDir);
        Files.delete(dir.resolve("test.example.org.key"));
        Files.copy(otherDir.resolve("test.example.org.key"), dir.resolve("test.example.org.key"));
        assertThatThrownBy(() -> RepositoryKeys.load(dir, "test.example.org"))
                .isInstanceOf(TrustException.class)
                .hasMessageContaining("does not match the certificate");
    }

    @Test
    void missingMasterKeyCannotSignAWhitelist(@TempDir Path dir) throws Exception {
        keys.writeTo(dir);
        Files.delete(dir.resolve("test.example.org.masterkey"));
        RepositoryKeys noMaster = RepositoryKeys.load(dir, "test.example.org");
        assertThat(noMaster.hasMasterKey()).isFalse();
        assertThatThrownBy(() -> noMaster.signWhitelist(NOW, Duration.ofDays(1), ContentHashAlgorithm.SHA1))
                .isInstanceOf(TrustException.class).hasMessageContaining("masterkey");
    }

    @Test
    void garbageKeyFileIsATrustError(@TempDir Path dir) throws Exception {
        keys.writeTo(dir);
        Files.delete(dir.resolve("test.example.org.crt"));
        Files.writeString(dir.resolve("test.example.org.crt"), "not a pem\n");
        assertThatThrownBy(() -> RepositoryKeys.load(dir, "test.example.org")).isInstanceOf(TrustException.class)
                .hasMessageContaining("test.example.org.crt");
    }
}
