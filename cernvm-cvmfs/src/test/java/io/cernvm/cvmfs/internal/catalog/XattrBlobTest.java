package io.cernvm.cvmfs.internal.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;

import io.cernvm.api.FaultLocation;
import io.cernvm.api.IntegrityException;
import io.cernvm.cvmfs.internal.object.HostileInput;
import org.junit.jupiter.api.Test;

class XattrBlobTest {

    private static final byte[] VALID = {1, 2, 3, 2, 'k', 'e', 'y', 'v', '1', 1, 0, 'z'};

    @Test
    void parsesOneByteLengthFields() {
        assertThat(XattrBlob.parse(VALID, FaultLocation.NOWHERE)).containsOnlyKeys("key", "z");
        assertThat(XattrBlob.parse(null, FaultLocation.NOWHERE)).isEmpty();
        assertThatThrownBy(() -> XattrBlob.parse(new byte[] {2, 0}, FaultLocation.NOWHERE))
                .isInstanceOf(IntegrityException.class);
    }

    @Test
    void propertyMutatedAndArbitraryBlobsParseOrAreRefused() {
        qt().forAll(HostileInput.mutationsOf(VALID)).checkAssert(b -> {
            try {
                XattrBlob.parse(b, FaultLocation.NOWHERE);
            } catch (IntegrityException expected) {
                assertThat(expected.reason()).startsWith("extended attributes");
            }
        });
        qt().forAll(HostileInput.bytes(80)).checkAssert(b -> {
            try {
                XattrBlob.parse(b, FaultLocation.NOWHERE);
            } catch (IntegrityException expected) {
                assertThat(expected.reason()).startsWith("extended attributes");
            }
        });
    }
}
