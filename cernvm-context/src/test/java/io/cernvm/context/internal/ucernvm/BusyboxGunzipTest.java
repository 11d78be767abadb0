package io.cernvm.context.internal.ucernvm;

import io.cernvm.context.ucernvm.GunzipOutcome;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

import static org.assertj.core.api.Assertions.assertThat;

/** The gzip member header rules of busybox's {@code unpack_gz_stream}. */
class BusyboxGunzipTest {

    private static final byte[] TEXT = "[ucernvm-begin]\na=b\n".getBytes(StandardCharsets.UTF_8);

    /** A member with the given header flags and extra header bytes, built by hand. */
    private static byte[] member(int method, int flags, byte[] headerExtra) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        o.writeBytes(new byte[] {0x1f, (byte) 0x8b, (byte) method, (byte) flags, 0, 0, 0, 0, 0, 3});
        o.writeBytes(headerExtra);
        Deflater d = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
        d.setInput(TEXT);
        d.finish();
        byte[] buf = new byte[256];
        while (!d.finished()) {
            o.write(buf, 0, d.deflate(buf));
        }
        d.end();
        CRC32 crc = new CRC32();
        crc.update(TEXT);
        writeLe32(o, (int) crc.getValue());
        writeLe32(o, TEXT.length);
        return o.toByteArray();
    }

    private static void writeLe32(ByteArrayOutputStream o, int v) {
        o.write(v);
        o.write(v >>> 8);
        o.write(v >>> 16);
        o.write(v >>> 24);
    }

    @Test
    void skipsExtraNameCommentAndAnUncheckedHeaderCrc() {
        byte[] extra = {4, 0, 'a', 'b', 'c', 'd', 'n', 'a', 'm', 'e', 0, 'c', 0, (byte) 0xde, (byte) 0xad};
        // FEXTRA | FNAME | FCOMMENT | FHCRC, with a header CRC that is wrong: busybox never checks it
        BusyboxGunzip.Result r = BusyboxGunzip.gunzip(member(8, 0x04 | 0x08 | 0x10 | 0x02, extra), 1 << 20);
        assertThat(r.outcome()).isEqualTo(GunzipOutcome.DECOMPRESSED);
        assertThat(r.bytes()).isEqualTo(TEXT);
    }

    @Test
    void nameWithoutTerminatorFails() {
        assertThat(BusyboxGunzip.gunzip(new byte[] {0x1f, (byte) 0x8b, 8, 0x08, 0, 0, 0, 0, 0, 3, 'n', 'o'}, 1 << 20)
                .outcome()).isEqualTo(GunzipOutcome.FAILED);
    }

    @Test
    void onlyDeflateIsAccepted() {
        assertThat(BusyboxGunzip.gunzip(member(7, 0, new byte[0]), 1 << 20).outcome()).isEqualTo(GunzipOutcome.FAILED);
    }

    @Test
    void magicAloneOrAShortHeaderFails() {
        assertThat(BusyboxGunzip.gunzip(new byte[] {0x1f, (byte) 0x8b}, 1 << 20).outcome())
                .isEqualTo(GunzipOutcome.FAILED);
        assertThat(BusyboxGunzip.gunzip(new byte[] {0x1f}, 1 << 20).outcome()).isEqualTo(GunzipOutcome.NOT_GZIP);
        assertThat(BusyboxGunzip.gunzip(new byte[0], 1 << 20).outcome()).isEqualTo(GunzipOutcome.NOT_GZIP);
    }

    @Test
    void aSecondMemberThatIsBrokenFailsTheWhole() {
        byte[] good = member(8, 0, new byte[0]);
        byte[] both = new byte[good.length + 4];
        System.arraycopy(good, 0, both, 0, good.length);
        both[good.length] = 0x1f;
        both[good.length + 1] = (byte) 0x8b;
        both[good.length + 2] = 8;
        assertThat(BusyboxGunzip.gunzip(both, 1 << 20).outcome()).isEqualTo(GunzipOutcome.FAILED);
        // a single trailing byte is no magic: ignored
        byte[] oneMore = java.util.Arrays.copyOf(good, good.length + 1);
        oneMore[good.length] = 0x1f;
        assertThat(BusyboxGunzip.gunzip(oneMore, 1 << 20).outcome()).isEqualTo(GunzipOutcome.DECOMPRESSED);
    }
}
