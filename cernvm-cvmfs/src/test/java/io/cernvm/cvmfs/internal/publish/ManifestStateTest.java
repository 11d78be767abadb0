package io.cernvm.cvmfs.internal.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.strings;

import io.cernvm.api.CernVmException;
import io.cernvm.api.FaultLocation;
import io.cernvm.api.TrustException;
import io.cernvm.cvmfs.internal.object.ContentHash;
import io.cernvm.cvmfs.internal.object.HashAlgorithm;
import io.cernvm.cvmfs.internal.object.ObjectType;
import io.cernvm.cvmfs.publish.ContentHashAlgorithm;
import io.cernvm.cvmfs.publish.RepositoryKeys;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The publisher's reading of an existing manifest: round trip, and hostile input refused with typed errors. */
class ManifestStateTest {
    private static RepositoryKeys keys;
    private static ManifestState state;

    @BeforeAll
    static void setUp() {
        keys = RepositoryKeys.generate("m.example.org", Clock.fixed(Instant.EPOCH, ZoneOffset.UTC));
        ContentHash c = ContentHash.of(HashAlgorithm.SHA1, new byte[] {1}, ObjectType.CATALOG);
        ContentHash x = ContentHash.of(HashAlgorithm.SHA1, new byte[] {2}, ObjectType.CERTIFICATE);
        ContentHash h = ContentHash.of(HashAlgorithm.SHA1, new byte[] {3}, ObjectType.HISTORY);
        ContentHash m = ContentHash.of(HashAlgorithm.SHA1, new byte[] {4}, ObjectType.METAINFO);
        state = new ManifestState(c, 57344, 240, 7, "m.example.org", x, h, 1_795_000_000L, m, "ab");
    }

    private static byte[] signed(String text) {
        return keys.signManifest(text, ContentHashAlgorithm.SHA1);
    }

    private static ManifestState parse(byte[] file) {
        return ManifestState.parse(file, "m.example.org", keys.certificate().getPublicKey(), FaultLocation.atPath("m"));
    }

    @Test
    void writesUpstreamsFieldOrderAndReadsItBack() {
        assertThat(state.text().lines().map(l -> l.substring(0, 1)).toList())
                .containsExactly("C", "B", "R", "D", "S", "G", "A", "N", "X", "H", "T", "M", "Y");
        assertThat(parse(signed(state.text()))).isEqualTo(state);
    }

    @Test
    void anotherRepositoryOrAnotherKeyIsATrustError() {
        byte[] file = signed(state.text().replace("Nm.example.org", "Nother.org"));
        assertThatThrownBy(() -> parse(file)).isInstanceOf(TrustException.class).hasMessageContaining("other.org");
        RepositoryKeys stranger = RepositoryKeys.generate("m.example.org", Clock.fixed(Instant.EPOCH, ZoneOffset.UTC));
        byte[] foreign = stranger.signManifest(state.text(), ContentHashAlgorithm.SHA1);
        assertThatThrownBy(() -> parse(foreign)).isInstanceOf(TrustException.class).hasMessageContaining("keys");
    }

    @Test
    void propertyTruncatedOrCorruptedManifestsAreRefusedWithTypedErrors() {
        byte[] good = signed(state.text());
        qt().withExamples(100).forAll(integers().between(0, good.length), integers().between(0, good.length - 1),
                integers().between(1, 255)).checkAssert((cut, at, flip) -> {
                    byte[] bad = Arrays.copyOf(good, good.length);
                    bad[at] ^= flip.byteValue();
                    for (byte[] hostile : new byte[][] {Arrays.copyOf(good, cut), bad}) {
                        try {
                            parse(hostile);
                        } catch (CernVmException e) {
                            assertThat(e.location().path()).isEqualTo("m");
                        }
                    }
                });
    }

    @Test
    void propertySignedButMalformedFieldsAreRefusedWithTypedErrors() {
        qt().withExamples(100).forAll(strings().allPossible().ofLengthBetween(0, 80)).checkAssert(garbage -> {
            String text = garbage.replace("\r", "") + "\n";
            try {
                ManifestState s = parse(signed(text));
                assertThat(s.fqrn()).isEqualTo("m.example.org");
            } catch (CernVmException e) {
                assertThat(e.reason()).isNotBlank();
            }
        });
        assertThatThrownBy(() -> parse(signed("Cnot-a-hash\nS1\nX" + "0".repeat(40) + "\n")))
                .isInstanceOf(CernVmException.class);
        assertThatThrownBy(() -> parse(signed("C" + "0".repeat(40) + "\nSxyz\nX" + "0".repeat(40) + "\n")))
                .isInstanceOf(CernVmException.class).hasMessageContaining("malformed");
        assertThat(new String(signed("S1\n"), StandardCharsets.ISO_8859_1)).startsWith("S1\n--\n");
    }
}
