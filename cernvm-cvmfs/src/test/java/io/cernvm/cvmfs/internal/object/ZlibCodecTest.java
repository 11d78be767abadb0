package io.cernvm.cvmfs.internal.object;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;

import io.cernvm.api.FaultLocation;
import io.cernvm.api.IntegrityException;
import org.junit.jupiter.api.Test;

class ZlibCodecTest {

    @Test
    void inflatesWhatItDeflates() {
        qt().forAll(HostileInput.bytes(2000)).checkAssert(data ->
                assertThat(ZlibCodec.inflate(ZlibCodec.deflate(data), data.length, FaultLocation.NOWHERE)).isEqualTo(data));
    }

    @Test
    void refusesTruncatedTrailingAndOversizedStreams() {
        byte[] z = ZlibCodec.deflate("hello world hello world".getBytes());
        assertThatThrownBy(() -> ZlibCodec.inflate(java.util.Arrays.copyOf(z, z.length - 3), 100, FaultLocation.NOWHERE))
                .isInstanceOf(IntegrityException.class);
        assertThatThrownBy(() -> ZlibCodec.inflate(java.util.Arrays.copyOf(z, z.length + 1), 100, FaultLocation.NOWHERE))
                .isInstanceOf(IntegrityException.class);
        assertThatThrownBy(() -> ZlibCodec.inflate(z, 5, FaultLocation.NOWHERE))
                .isInstanceOf(IntegrityException.class).hasMessageContaining("more than 5");
    }

    @Test
    void propertyArbitraryBytesInflateOrAreRefusedWithATypedError() {
        qt().forAll(HostileInput.bytes(200)).checkAssert(data -> {
            try {
                ZlibCodec.inflate(data, 1 << 16, FaultLocation.NOWHERE);
            } catch (IntegrityException expected) {
                assertThat(expected.location()).isEqualTo(FaultLocation.NOWHERE);
            }
        });
    }
}
