package io.cernvm.context.mime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.cernvm.api.UserDataException;
import io.cernvm.context.Finding;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

/**
 * Inputs built to hang, explode or crash a decoder: each ends with a finding, never an
 * exception. The preemptive bound catches a hang; it is generous because CI machines are shared.
 */
class UserDataDecoderHostileTest {
    private static final UserDataDecoder DECODER = UserDataDecoder.builder().build();

    private static DecodedUserData decode(UserDataDecoder decoder, byte[] input) {
        return assertTimeoutPreemptively(Duration.ofSeconds(30), () -> decoder.decode(input));
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static boolean hasCode(DecodedUserData d, String code) {
        return d.findings().stream().map(Finding::code).anyMatch(code::equals);
    }

    @Test
    void aGzipBombIsStoppedAtTheLimit() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream g = new GZIPOutputStream(out)) {
            byte[] zeros = new byte[1 << 20];
            for (int i = 0; i < 64; i++) {
                g.write(zeros);
            }
        }
        DecodedUserData d = decode(DECODER, out.toByteArray());
        assertThat(d.parts()).isEmpty();
        assertThat(hasCode(d, "LIMIT_EXCEEDED")).isTrue();
        assertThat(d.acceptedByCloudInit()).isFalse();
    }

    @Test
    void dataJustUnderTheDecompressionLimitDecodesInTheTestHeap() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        long limit = DecodeLimits.defaults().maxDecompressedBytes();
        try (GZIPOutputStream g = new GZIPOutputStream(out)) {
            g.write(utf8("MIME-Version: 1.0\nContent-Type: text/plain\n\n#!/bin/sh\n"));
            byte[] lines = utf8("\n\u00e9".repeat(1 << 15));
            for (long n = 0; n + lines.length < limit - 64; n += lines.length) {
                g.write(lines);
            }
        }
        DecodedUserData d = decode(DECODER, out.toByteArray());
        assertThat(d.parts()).singleElement().satisfies(p -> assertThat(p.handler()).isEqualTo(PartHandler.SHELLSCRIPT));
    }

    @Test
    void deepMimeNestingIsBounded() {
        StringBuilder s = new StringBuilder("MIME-Version: 1.0\n");
        for (int i = 0; i < 5000; i++) {
            s.append("Content-Type: multipart/mixed; boundary=b").append(i).append("\n\n--b").append(i).append('\n');
        }
        DecodedUserData d = decode(DECODER, utf8(s.toString()));
        assertThat(hasCode(d, "LIMIT_EXCEEDED")).isTrue();
    }

    @Test
    void nestedMessagesDuplicatePartsButStayBounded() {
        StringBuilder s = new StringBuilder("MIME-Version: 1.0\n");
        for (int i = 0; i < 30; i++) {
            s.append("Content-Type: message/rfc822\n\n");
        }
        s.append("#cloud-config\n");
        DecodedUserData d = decode(DECODER, utf8(s.toString()));
        assertThat(d.parts().size()).isLessThanOrEqualTo(DecodeLimits.defaults().maxParts());
        assertThat(d.parts()).isNotEmpty();
    }

    @Test
    void aSelfIncludingUrlStopsAtTheIncludeLimit() {
        UserDataDecoder loop = UserDataDecoder.builder()
                .includeFetcher(url -> Optional.of(utf8("#include\n" + url + "\n" + url + "\n"))).build();
        DecodedUserData d = decode(loop, utf8("#include\nhttp://loop/\n"));
        assertThat(hasCode(d, "LIMIT_EXCEEDED")).isTrue();
    }

    @Test
    void aYamlAliasBombInAnArchiveYieldsNoEntries() {
        StringBuilder s = new StringBuilder("#cloud-config-archive\na: &a [x, x, x, x, x, x, x, x, x]\n");
        char prev = 'a';
        for (char c = 'b'; c <= 'k'; c++) {
            s.append(c).append(": &").append(c).append(" [*").append(prev).append(", *").append(prev).append(", *")
                    .append(prev).append(", *").append(prev).append(", *").append(prev).append(", *").append(prev)
                    .append("]\n");
            prev = c;
        }
        DecodedUserData d = decode(DECODER, utf8(s.toString()));
        assertThat(d.parts()).isEmpty();
        assertThat(d.acceptedByCloudInit()).isTrue();
    }

    @Test
    void aQuoteRiddledParameterHeaderParsesInLinearTime() {
        StringBuilder s = new StringBuilder("MIME-Version: 1.0\nContent-Type: text/plain; name=\"");
        for (int i = 0; i < 200_000; i++) {
            s.append(i % 3 == 0 ? ";\"" : "\\\";");
        }
        s.append("\n\n#cloud-config\n");
        DecodedUserData d = decode(DECODER, utf8(s.toString()));
        assertThat(d.parts()).hasSize(1);
    }

    @Test
    void aTemplateLoopingForeverIsStopped() {
        UserDataDecoder withData = UserDataDecoder.builder().instanceData(CloudInitFixtures.instanceData()).build();
        String loops = "{% for i in range(10000) %}{% for j in range(10000) %}x{% endfor %}{% endfor %}";
        DecodedUserData d = decode(withData, utf8("## template: jinja\n#cloud-config\n" + loops + "\n"));
        assertThat(d.parts()).hasSize(1);
        assertThat(d.parts().get(0).jinja().rendered()).isFalse();
        assertThat(hasCode(d, "JINJA_NOT_RENDERED")).isTrue();
    }

    @Test
    void oversizedInputIsRefusedWithAFinding() {
        UserDataDecoder small = UserDataDecoder.builder()
                .limits(new DecodeLimits(10, 1 << 20, 1 << 20, 8, 100, 2, 10, 1000)).build();
        DecodedUserData d = small.decode(new byte[11]);
        assertThat(d.parts()).isEmpty();
        assertThat(hasCode(d, "LIMIT_EXCEEDED")).isTrue();
    }

    @Test
    void nullIsTheOnlyMisuseAndIsAUserDataException() {
        assertThatThrownBy(() -> DECODER.decode((byte[]) null)).isInstanceOf(UserDataException.class);
        assertThatThrownBy(() -> DECODER.decode((io.cernvm.api.UserData) null)).isInstanceOf(UserDataException.class);
    }

    @Test
    void truncatedGzipAndBrokenMimeBecomeWhatCloudInitMakesOfThem() throws IOException {
        byte[] z = PyGzipBytes.gzip("#cloud-config\na: 1\n");
        DecodedUserData truncated = decode(DECODER, java.util.Arrays.copyOf(z, z.length - 4));
        assertThat(truncated.parts()).singleElement().satisfies(p -> {
            assertThat(p.contentType()).isEqualTo("text/x-not-multipart");
            assertThat(p.size()).isEqualTo(z.length - 4);
        });
        DecodedUserData mime = decode(DECODER, utf8("MIME-Version: 1.0\nContent-Type: multipart/mixed\n\n#cloud-config\n"));
        assertThat(mime.parts()).isEmpty();
        DecodedUserData notUtf8 = decode(DECODER, new byte[] {'M', 'I', 'M', 'E', '-', 'V', 'e', 'r', 's', 'i', 'o',
            'n', ':', ' ', '1', '\n', '\n', (byte) 0xff});
        assertThat(notUtf8.acceptedByCloudInit()).isFalse();
        assertThat(hasCode(notUtf8, "USER_DATA_REJECTED")).isTrue();
    }

    /** gzip helper. */
    static final class PyGzipBytes {
        static byte[] gzip(String s) throws IOException {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (GZIPOutputStream g = new GZIPOutputStream(out)) {
                g.write(utf8(s));
            }
            return out.toByteArray();
        }
    }
}
