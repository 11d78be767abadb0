package io.cernvm.context.ucernvm;

import io.cernvm.api.UserDataException;
import io.cernvm.context.Finding;
import io.cernvm.context.amiconfig.AmiconfigDocument;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPOutputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Oversized, truncated, corrupted and odd user data for the block and amiconfig readers. The
 * class timeout only guards against a hang (a quadratic blow-up), it measures nothing.
 */
@Timeout(120)
class HostileUserDataTest {

    private static final byte[] BEGIN = "[ucernvm-begin]\n".getBytes(StandardCharsets.UTF_8);

    private static byte[] repeat(String s, int times) {
        return s.repeat(times).getBytes(StandardCharsets.ISO_8859_1);
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            o.writeBytes(p);
        }
        return o.toByteArray();
    }

    private static void everyReader(byte[] in) {
        UcernvmBlock.parse(in);
        UcernvmSettings.read(in);
        List<Finding> f = UcernvmFindings.check(in);
        assertThat(f.size()).isLessThan(in.length + 10);
        AmiconfigDocument.parse(in);
    }

    @Test
    void hugeLineInsideTheBlock() {
        byte[] in = concat(BEGIN, "cvmfs_http_proxy=".getBytes(StandardCharsets.UTF_8), repeat("a ", 1 << 20),
                "\n".getBytes(StandardCharsets.UTF_8));
        UcernvmBlock b = UcernvmBlock.parse(in);
        assertThat(b.entries()).singleElement().satisfies(e -> assertThat(e.value()).hasSize(2 << 20));
        everyReader(in);
    }

    @Test
    void hugeLinesWithoutSeparatorsOrNewlines() {
        everyReader(repeat("a", 4 << 20));
        everyReader(concat("[cernvm]\nx".getBytes(StandardCharsets.UTF_8), repeat(" ", 2 << 20)));
        everyReader(concat("[".getBytes(StandardCharsets.UTF_8), repeat("#!", 1 << 20)));
        everyReader(concat("#!/bin/sh\n".getBytes(StandardCharsets.UTF_8), repeat("#!", 1 << 20)));
        everyReader(concat(BEGIN, repeat("$", 2 << 20), "\n".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void millionsOfShortLines() {
        everyReader(concat(BEGIN, repeat("k=v\n", 1 << 18)));
        everyReader(repeat("\n", 1 << 20));
        everyReader(concat("[cernvm]\n".getBytes(StandardCharsets.UTF_8), repeat("  x\n", 1 << 18)));
        everyReader(concat("[amiconfig]\nplugins=".getBytes(StandardCharsets.UTF_8), repeat("nope ", 1 << 18)));
        everyReader(concat("[cernvm]\nusers=".getBytes(StandardCharsets.UTF_8), repeat("a,", 1 << 18)));
    }

    @Test
    void nulsAndInvalidUtf8() {
        byte[] in = concat(BEGIN, new byte[] {'k', 0, '=', (byte) 0xfe, (byte) 0xff, 0, '\n', 0, 0, '\n'});
        UcernvmBlock b = UcernvmBlock.parse(in);
        assertThat(b.exactKey(0)).containsExactly('K');
        assertThat(b.exactValue(0)).containsExactly((byte) 0xfe, (byte) 0xff);
        everyReader(in);
        byte[] noise = new byte[1 << 16];
        new java.util.Random(42).nextBytes(noise);
        everyReader(noise);
    }

    @Test
    void truncatedAndCorruptedGzipAtEveryLength() throws IOException {
        ByteArrayOutputStream bo = new ByteArrayOutputStream();
        try (GZIPOutputStream g = new GZIPOutputStream(bo)) {
            g.write("[ucernvm-begin]\ncvmfs_tag=a\n[ucernvm-end]\n[cernvm]\nshell=/bin/sh\n".getBytes(StandardCharsets.UTF_8));
        }
        byte[] gz = bo.toByteArray();
        for (int n = 0; n < gz.length; n++) {
            byte[] cut = Arrays.copyOf(gz, n);
            assertThat(UcernvmBlock.parse(cut).gunzip()).as("length " + n).isNotEqualTo(GunzipOutcome.DECOMPRESSED);
            everyReader(cut);
            byte[] flipped = gz.clone();
            flipped[n] ^= (byte) 0x5a;
            everyReader(flipped);
        }
    }

    @Test
    void gzipBombIsRefusedWithTheTypedException() throws IOException {
        ByteArrayOutputStream bo = new ByteArrayOutputStream();
        try (GZIPOutputStream g = new GZIPOutputStream(bo)) {
            byte[] mib = new byte[1 << 20];
            for (int i = 0; i < 80; i++) {
                g.write(mib);
            }
        }
        byte[] bomb = bo.toByteArray();
        assertThatThrownBy(() -> UcernvmBlock.parse(bomb)).isInstanceOf(UserDataException.class);
        assertThatThrownBy(() -> UcernvmSettings.read(bomb)).isInstanceOf(UserDataException.class);
        assertThatThrownBy(() -> AmiconfigDocument.parse(bomb)).isInstanceOf(UserDataException.class);
        assertThat(UcernvmFindings.check(bomb)).extracting(Finding::code).containsExactly(UcernvmFindings.TOO_LARGE);
    }

    @Test
    void emptyInput() {
        assertThat(UcernvmBlock.parse(new byte[0]).hasEntries()).isFalse();
        assertThat(UcernvmSettings.read(new byte[0]).hasEntries()).isFalse();
        assertThat(UcernvmFindings.check(new byte[0])).isEmpty();
        assertThat(AmiconfigDocument.parse(new byte[0]).sections()).isEmpty();
    }
}
