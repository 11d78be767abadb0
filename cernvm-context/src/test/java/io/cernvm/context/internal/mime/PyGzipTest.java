package io.cernvm.context.internal.mime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

class PyGzipTest {
    static byte[] gzip(String s) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream g = new GZIPOutputStream(out)) {
            g.write(s.getBytes(StandardCharsets.UTF_8));
        }
        return out.toByteArray();
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    @Test
    void readsEveryMemberAndSkipsZeroPadding() throws Exception {
        byte[] data = concat(gzip("a"), new byte[7], gzip("b"), new byte[3]);
        assertThat(new String(PyGzip.decompress(data, 1 << 20), StandardCharsets.UTF_8)).isEqualTo("ab");
        assertThat(PyGzip.decompress(new byte[0], 1 << 20)).isEmpty();
    }

    @Test
    void failsWherePythonRaises() throws Exception {
        byte[] z = gzip("hello world");
        assertThatThrownBy(() -> PyGzip.decompress(concat(z, "x".getBytes(StandardCharsets.UTF_8)), 1 << 20))
                .hasMessageContaining("Not a gzipped file");
        assertThatThrownBy(() -> PyGzip.decompress(Arrays.copyOf(z, z.length - 3), 1 << 20))
                .hasMessageContaining("ended before");
        byte[] badCrc = z.clone();
        badCrc[badCrc.length - 8] ^= 1;
        assertThatThrownBy(() -> PyGzip.decompress(badCrc, 1 << 20)).hasMessageContaining("CRC");
        assertThatThrownBy(() -> PyGzip.decompress(new byte[] {0x1f}, 1 << 20)).hasMessageContaining("Not a gzipped");
    }

    @Test
    void stopsAtTheOutputLimit() throws Exception {
        byte[] z = gzip("x".repeat(100_000));
        assertThatThrownBy(() -> PyGzip.decompress(z, 1000))
                .isInstanceOfSatisfying(PyGzip.GzipFailure.class, e -> assertThat(e.isLimit()).isTrue());
    }
}
