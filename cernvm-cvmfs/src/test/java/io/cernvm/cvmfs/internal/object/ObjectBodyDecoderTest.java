package io.cernvm.cvmfs.internal.object;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;

import io.cernvm.api.FaultLocation;
import io.cernvm.api.IntegrityException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.Inflater;
import org.junit.jupiter.api.Test;

class ObjectBodyDecoderTest {

    private static final FaultLocation AT = FaultLocation.atPath("data/xx/object");

    /** Delivers a body in pieces of {@code piece} bytes through a reused buffer, as the transport does. */
    private static ObjectBodyDecoder feed(ObjectBodyDecoder d, byte[] body, int piece) {
        d.begin(body.length);
        byte[] buffer = new byte[Math.max(1, piece)];
        for (int off = 0; off < body.length; off += buffer.length) {
            int n = Math.min(buffer.length, body.length - off);
            System.arraycopy(body, off, buffer, 0, n);
            d.accept(buffer, 0, n);
            Arrays.fill(buffer, (byte) 0x5a); // the transport reuses its buffer: nothing may still point into it
        }
        return d;
    }

    private static ObjectBodyDecoder zlib(byte[] body, long maxSize) {
        return new ObjectBodyDecoder(ContentHash.of(HashAlgorithm.SHA1, body, ObjectType.FILE), ObjectCompression.ZLIB,
                maxSize, new Inflater());
    }

    @Test
    void propertyDecodesAsTheWholeBodyInflatesInAnyPieces() {
        qt().forAll(HostileInput.bytes(3000), integers().between(1, 700)).checkAssert((plain, piece) -> {
            byte[] body = ZlibCodec.deflate(plain);
            ObjectBodyDecoder d = feed(zlib(body, plain.length), body, piece);
            assertThat(d.verify()).isTrue();
            assertThat(d.plain(() -> AT)).isEqualTo(plain);
        });
    }

    @Test
    void propertyPlainObjectsPassThrough() {
        qt().forAll(HostileInput.bytes(3000), integers().between(1, 700)).checkAssert((plain, piece) -> {
            ContentHash h = ContentHash.of(HashAlgorithm.SHAKE128, plain, ObjectType.PARTIAL);
            ObjectBodyDecoder d = feed(new ObjectBodyDecoder(h, ObjectCompression.NONE, plain.length, null), plain, piece);
            assertThat(d.verify()).isTrue();
            assertThat(d.plain(() -> AT)).isEqualTo(plain);
        });
    }

    @Test
    void propertyHostileBodiesWithAMatchingHashDecodeExactlyAsZlibCodecDoes() {
        qt().forAll(HostileInput.bytes(300), integers().between(1, 50)).checkAssert((body, piece) -> {
            byte[] expected;
            try {
                expected = ZlibCodec.inflate(body, 1 << 12, AT);
            } catch (IntegrityException e) {
                expected = null;
            }
            ObjectBodyDecoder d = feed(zlib(body, 1 << 12), body, piece);
            assertThat(d.verify()).isTrue();
            if (expected == null) {
                assertThatThrownBy(() -> d.plain(() -> AT)).isInstanceOf(IntegrityException.class)
                        .satisfies(e -> assertThat(((IntegrityException) e).location()).isEqualTo(AT));
            } else {
                assertThat(d.plain(() -> AT)).isEqualTo(expected);
            }
        });
    }

    @Test
    void refusesTruncatedTrailingAndOversizedStreamsOnceTheHashMatched() {
        byte[] z = ZlibCodec.deflate("hello world hello world".getBytes(StandardCharsets.UTF_8));
        byte[] truncated = Arrays.copyOf(z, z.length - 3);
        ObjectBodyDecoder t = feed(zlib(truncated, 100), truncated, 4);
        assertThat(t.verify()).isTrue();
        assertThatThrownBy(() -> t.plain(() -> AT)).isInstanceOf(IntegrityException.class).hasMessageContaining("truncated");

        byte[] trailing = Arrays.copyOf(z, z.length + 1);
        ObjectBodyDecoder tr = feed(zlib(trailing, 100), trailing, 4);
        assertThat(tr.verify()).isTrue();
        assertThatThrownBy(() -> tr.plain(() -> AT)).isInstanceOf(IntegrityException.class).hasMessageContaining("trailing");

        ObjectBodyDecoder big = feed(zlib(z, 5), z, 4);
        assertThat(big.verify()).isTrue();
        assertThatThrownBy(() -> big.plain(() -> AT)).isInstanceOf(IntegrityException.class).hasMessageContaining("more than 5");
    }

    @Test
    void aBodyNotMatchingItsHashNeverYieldsBytesAndARestartForgetsIt() {
        byte[] plain = "content".repeat(100).getBytes(StandardCharsets.UTF_8);
        byte[] good = ZlibCodec.deflate(plain);
        byte[] bad = good.clone();
        bad[bad.length / 2] ^= 1;
        ObjectBodyDecoder d = feed(zlib(good, plain.length), bad, 64);
        assertThat(d.verify()).isFalse();
        assertThatThrownBy(() -> d.plain(() -> AT)).isInstanceOf(IllegalStateException.class);
        feed(d, good, 64); // the retry: begin() starts over
        assertThat(d.verify()).isTrue();
        assertThat(d.plain(() -> AT)).isEqualTo(plain);
    }

    @Test
    void nothingIsHandedOutBeforeTheWholeBodyWasVerified() {
        byte[] body = ZlibCodec.deflate("abc".getBytes(StandardCharsets.UTF_8));
        ObjectBodyDecoder d = zlib(body, 3);
        d.begin(body.length);
        d.accept(body, 0, body.length);
        assertThatThrownBy(() -> d.plain(() -> AT)).isInstanceOf(IllegalStateException.class);
    }
}
