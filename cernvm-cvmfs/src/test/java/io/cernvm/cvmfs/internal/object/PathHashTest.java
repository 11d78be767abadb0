package io.cernvm.cvmfs.internal.object;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.strings;

import org.junit.jupiter.api.Test;

class PathHashTest {

    @Test
    void splitsLittleEndianIntoSignedLongs() {
        // python-cvmfsutils md5_handling_test.py, via cvmfs-format.md §4
        assertThat(PathHash.ofDigest(HexOf.bytes("07936cda4b887b38639426ee8630d1cf")))
                .isEqualTo(new PathHash(4069996547627848455L, -3471940481646685085L));
        assertThat(PathHash.of("")).isEqualTo(new PathHash(338333539836370388L, 9098107892288553193L));
    }

    @Test
    void propertyDigestRoundTrips() {
        qt().forAll(strings().allPossible().ofLengthBetween(0, 40)).checkAssert(p -> {
            PathHash h = PathHash.of(p);
            assertThat(PathHash.ofDigest(h.toDigest())).isEqualTo(h);
        });
    }
}
