package io.cernvm.cvmfs.internal.object;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;

import io.cernvm.api.FaultLocation;
import io.cernvm.api.TrustException;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class SignedLetterTest {

    private static byte[] signed(String letter, String hashLine, byte[] sig) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(letter.getBytes(StandardCharsets.UTF_8));
        out.writeBytes(("--\n" + hashLine + "\n").getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(sig);
        return out.toByteArray();
    }

    @Test
    void cutsLetterHashLineAndSignature() {
        String letter = "Cabc\nD240\n";
        String hash = ContentHash.of(HashAlgorithm.SHA1, letter.getBytes(StandardCharsets.UTF_8), ObjectType.FILE).toString();
        byte[] sig = {1, 2, '\n', '-', '-', '\n', 0};
        SignedLetter l = SignedLetter.cut(signed(letter, hash, sig), FaultLocation.NOWHERE);
        assertThat(l.letterText()).isEqualTo(letter);
        assertThat(l.hashLine()).isEqualTo(hash);
        assertThat(l.signature()).isEqualTo(sig);
        l.verifyHashLine(FaultLocation.NOWHERE);
    }

    @Test
    void refusesAStaleHashLine() {
        String stale = ContentHash.of(HashAlgorithm.SHA1, "other\n".getBytes(), ObjectType.FILE).toString();
        SignedLetter l = SignedLetter.cut(signed("Cabc\n", stale, new byte[0]), FaultLocation.atPath(".cvmfspublished"));
        assertThatThrownBy(() -> l.verifyHashLine(FaultLocation.atPath(".cvmfspublished")))
                .isInstanceOf(TrustException.class).hasMessageContaining("stale").hasMessageContaining(".cvmfspublished");
    }

    @Test
    void refusesFilesWithoutSignatureBlock() {
        assertThatThrownBy(() -> SignedLetter.cut("Cabc\nD240\n".getBytes(), FaultLocation.NOWHERE))
                .isInstanceOf(TrustException.class);
        assertThatThrownBy(() -> SignedLetter.cut("Cabc\n--\nabc".getBytes(), FaultLocation.NOWHERE))
                .isInstanceOf(TrustException.class);
    }

    @Test
    void propertyArbitraryBytesCutOrAreRefusedWithATypedError() {
        qt().forAll(HostileInput.bytes(120)).checkAssert(data -> {
            try {
                SignedLetter l = SignedLetter.cut(data, FaultLocation.NOWHERE);
                l.verifyHashLine(FaultLocation.NOWHERE);
                assertThat(l.letter().length + l.hashLine().length() + l.signature().length + 4).isEqualTo(data.length);
            } catch (TrustException expected) {
                assertThat(expected.reason()).isNotBlank();
            }
        });
    }

    @Test
    void signsAndCutsBackTheSameLetter() {
        byte[] letter = "Cabc\nS1\n".getBytes(StandardCharsets.UTF_8);
        SignedLetter l = SignedLetter.sign(letter, HashAlgorithm.SHAKE128, h -> new byte[] {7, '\n', 7});
        SignedLetter back = SignedLetter.cut(l.toBytes(), FaultLocation.NOWHERE);
        assertThat(back.letter()).isEqualTo(letter);
        assertThat(back.hashLine()).endsWith("-shake128");
        assertThat(back.signature()).containsExactly(7, '\n', 7);
        back.verifyHashLine(FaultLocation.NOWHERE);
    }
}
