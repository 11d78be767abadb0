package io.cernvm.cvmfs.internal.trust;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;

import io.cernvm.api.FaultLocation;
import io.cernvm.api.TrustException;
import io.cernvm.cvmfs.FixtureRepository;
import io.cernvm.cvmfs.internal.object.HostileInput;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Arbitrary and mutated manifests and whitelists are parsed or refused with a TrustException. */
class SignedFileParsersPropertyTest {

    private static final FaultLocation AT = FaultLocation.atPath("test");
    private static final String MANIFEST = "C8d584048e8e011f3fbc6fb3f1c80ac6a383df230\nB57344\n"
            + "Rd41d8cd98f00b204e9800998ecf8427e\nD240\nS3\nGno\nAno\nNtest.cern.ch\n"
            + "X62fd12a7f2e913f2d09a7effee810f097301b396\nT1795737371\nZa\nZb\n--\n"
            + "71b95c065739f78cb9f2c34ce13fabddc8c7f8c5\nSIG";
    private static final String WHITELIST = "20261126235606\nE20361123235606\nNtest.cern.ch\n"
            + "01:B1:15:D4:07:30:89:B9:35:7E:98:82:C2:8E:2E:CC:7D:41:6A:2B # comment\nnot a fingerprint\n--\n"
            + "5e6a702ada821866c0c8b32e658f66639fab29f4\nSIG";

    @Test
    void parsesAWellFormedManifest() {
        ManifestFile m = ManifestFile.parse(MANIFEST.getBytes(StandardCharsets.UTF_8), AT);
        assertThat(m.revision()).isEqualTo(3);
        assertThat(m.ttlSeconds()).isEqualTo(240);
        assertThat(m.rootCatalogSize()).isEqualTo(57344);
        assertThat(m.repository()).isEqualTo("test.cern.ch");
        assertThat(m.fields()).containsEntry('Z', "a|b");
        assertThat(m.history()).isNull();
    }

    @Test
    void parsesAWellFormedWhitelist() {
        Whitelist w = Whitelist.parse(WHITELIST.getBytes(StandardCharsets.UTF_8), AT);
        assertThat(w.repository()).isEqualTo("test.cern.ch");
        assertThat(w.fingerprints()).hasSize(1);
        assertThat(w.fingerprints().get(0).toString()).isEqualTo("01b115d4073089b9357e9882c28e2ecc7d416a2b");
        assertThat(w.pkcs7()).isFalse();
    }

    @Test
    void propertyMutatedManifestsParseOrAreRefused() {
        qt().forAll(HostileInput.mutationsOf(MANIFEST.getBytes(StandardCharsets.UTF_8))).checkAssert(b -> {
            try {
                ManifestFile m = ManifestFile.parse(b, AT);
                assertThat(m.rootCatalog()).isNotNull();
            } catch (TrustException expected) {
                assertThat(expected.location()).isEqualTo(AT);
            }
        });
    }

    @Test
    void propertyArbitraryManifestsParseOrAreRefused() {
        qt().forAll(HostileInput.bytes(300)).checkAssert(b -> {
            try {
                ManifestFile.parse(b, AT);
            } catch (TrustException expected) {
                assertThat(expected.reason()).isNotBlank();
            }
        });
    }

    @Test
    void propertyMutatedWhitelistsParseVerifyOrAreRefused() {
        MasterKeys keys = MasterKeys.load(List.of(FixtureRepository.publicKey("server-2.12.0")));
        Clock clock = Clock.fixed(Instant.parse("2026-11-27T00:00:00Z"), ZoneOffset.UTC);
        qt().forAll(HostileInput.mutationsOf(WHITELIST.getBytes(StandardCharsets.UTF_8))).checkAssert(b -> {
            try {
                Whitelist w = Whitelist.parse(b, AT);
                w.verify("test.cern.ch", keys, clock, AT);
                throw new AssertionError("a whitelist without a real signature was accepted");
            } catch (TrustException expected) {
                assertThat(expected.location()).isEqualTo(AT);
            }
        });
    }

    @Test
    void propertyArbitraryWhitelistsParseOrAreRefused() {
        qt().forAll(HostileInput.bytes(300)).checkAssert(b -> {
            try {
                Whitelist.parse(b, AT);
            } catch (TrustException expected) {
                assertThat(expected.reason()).isNotBlank();
            }
        });
    }

    @Test
    void propertyArbitraryPemIsRefusedWithATypedError() {
        qt().forAll(HostileInput.stringsOver("-BEGIN PUBLICKY\nMIIBabc=+/ ", 200)).checkAssert(s -> {
            try {
                MasterKeys.parsePem(s, "x.pub");
            } catch (TrustException expected) {
                assertThat(expected.location().path()).isEqualTo("x.pub");
            }
        });
    }
}
