package io.cernvm.cvmfs.internal.trust;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.strings;

import org.junit.jupiter.api.Test;

class BreadcrumbTest {

    @Test
    void propertyArbitraryTextParsesOrIsEmptyAndRoundTrips() {
        qt().forAll(strings().allPossible().ofLengthBetween(0, 80)).checkAssert(s ->
                Breadcrumb.parse(s).ifPresent(b -> assertThat(Breadcrumb.parse(b.toString())).contains(b)));
        assertThat(Breadcrumb.parse("8d584048e8e011f3fbc6fb3f1c80ac6a383df230T1795737371R3")).isPresent();
        assertThat(Breadcrumb.parse("T1R2")).isEmpty();
    }
}
