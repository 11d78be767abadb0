package io.cernvm.context.internal.mime;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Outputs checked against CPython 3.11's binascii. */
class PyBinasciiTest {
    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    @Test
    void lenientBase64StopsAtPaddingAndSkipsJunkAsCPythonDoes() {
        assertThat(PyBinascii.a2bBase64(b("QUJD=QUJD"), false)).isEqualTo(b("ABCABC"));
        assertThat(PyBinascii.a2bBase64(b("QQ==QUJD"), false)).isEqualTo(b("A"));
        assertThat(PyBinascii.a2bBase64(b("QQ=x=QUJD"), false)).isEqualTo(new byte[] {'A', 0x0c});
        assertThat(PyBinascii.a2bBase64(b("QUJ=D"), false)).isEqualTo(b("AB"));
        assertThat(PyBinascii.a2bBase64(b("=QUJD"), false)).isEqualTo(b("ABC"));
        assertThat(PyBinascii.a2bBase64(b("Q"), false)).isNull();
        assertThat(PyBinascii.a2bBase64(b("QQ"), false)).isNull();
        assertThat(PyBinascii.a2bBase64(b("QUI="), true)).isEqualTo(b("AB"));
        assertThat(PyBinascii.a2bBase64(b("QUI=x"), true)).isNull();
    }

    @Test
    void base64BodyJoinsLinesAndFallsBackLikeDecodeB() {
        assertThat(PyBinascii.decodeBase64Body(b("IyEvYmluL3No\nCmVjaG8gaGk=\n===garbage"))).isEqualTo(b("#!/bin/sh\necho hi"));
        assertThat(PyBinascii.decodeBase64Body(b("QUI"))).isEqualTo(b("AB"));
        assertThat(PyBinascii.decodeBase64Body(b("QUJDR"))).isEqualTo(b("QUJDR"));
    }

    @Test
    void quotedPrintableFollowsA2bQp() {
        assertThat(PyBinascii.a2bQp(b("a=3Db=\nc=\r\nd==e=4"))).isEqualTo(b("a=bcd=e=4"));
        assertThat(PyBinascii.a2bQp(b("x=\rjunk\ny="))).isEqualTo(b("xy"));
        assertThat(PyBinascii.a2bQp(b("caf=C3=A9"))).isEqualTo("café".getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void uuencodeNeedsABeginLine() {
        assertThat(PyBinascii.decodeUu(b("begin 644 f\n#86)C\n`\nend\n"))).isEqualTo(b("abc"));
        assertThat(PyBinascii.decodeUu(b("#86)C\n"))).isNull();
        assertThat(PyBinascii.decodeUu(b("begin 644 f\n\n"))).isNull();
        assertThat(PyBinascii.decodeUu(b("begin 0o644 f\n#86)C\n"))).isEqualTo(b("abc"));
    }
}
