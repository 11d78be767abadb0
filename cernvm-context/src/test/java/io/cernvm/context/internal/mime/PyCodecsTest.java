package io.cernvm.context.internal.mime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.quicktheories.generators.Generate;

class PyCodecsTest {

    @Test
    void surrogateEscapeKeepsEveryByte() {
        qt().withExamples(2000).forAll(Generate.intArrays(Generate.range(0, 64), Generate.frequency(org.quicktheories.api.Pair.of(1, Generate.range(0, 255)), org.quicktheories.api.Pair.of(2, Generate.range(0x7f, 0xf5)))))
                .checkAssert(ints -> {
                    byte[] b = new byte[ints.length];
                    for (int i = 0; i < b.length; i++) {
                        b[i] = (byte) ints[i];
                    }
                    assertThat(PyCodecs.encodeUtf8Escaped(PyCodecs.decodeUtf8Escaped(b))).isEqualTo(b);
                    String strict = PyCodecs.decodeUtf8Strict(b);
                    String escaped = PyCodecs.decodeUtf8Escaped(b);
                    assertThat(strict == null).isEqualTo(PyCodecs.hasSurrogates(escaped));
                    if (strict != null) {
                        assertThat(strict).isEqualTo(escaped);
                    }
                });
    }

    @Test
    void invalidSequencesAreEscapedBytewise() {
        assertThat(PyCodecs.decodeUtf8Escaped(new byte[] {(byte) 0xed, (byte) 0xa0, (byte) 0x80, 'a'}))
                .isEqualTo("\udced\udca0\udc80a");
        assertThat(PyCodecs.decodeUtf8Strict(new byte[] {(byte) 0xc0, (byte) 0x80})).isNull();
        assertThat(PyCodecs.decodeUtf8Strict(new byte[] {(byte) 0xf0, (byte) 0x9f, (byte) 0x98, (byte) 0x80}))
                .isEqualTo("\uD83D\uDE00");
    }

    @Test
    void rawUnicodeEscapeWritesLatin1AndLowerCaseEscapes() {
        assertThat(PyCodecs.encodeRawUnicodeEscape("é€\uD83D\uDE00")).isEqualTo(
                "\u00e9\\u20ac\\U0001f600".getBytes(StandardCharsets.ISO_8859_1));
    }
}
